-- Copy every session of one cycle's offer into another cycle (new ids, same codes, so groups
-- that carry on are recognised as the same group). Returns how many were copied.
-- params: $from_cycle (INTEGER), $to_cycle (INTEGER)
insert into flex_session (cycle_id, slot_id, code, kind, subject_id, title, leader_staff_id,
                          leader_name, leader_kind, room, capacity, years_of_study, class_codes)
select $to_cycle, slot_id, code, kind, subject_id, title, leader_staff_id, leader_name,
    leader_kind, room, capacity, years_of_study, class_codes
from flex_session
where cycle_id = $from_cycle
order by session_id
