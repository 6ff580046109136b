-- The offer of a cycle: every session with its slot, kind, content, leader and who may join.
-- params: $cycle_id (INTEGER), $lang (VARCHAR)
select
    s.session_id,
    s.slot_id,
    sl.weekday,
    sl.lesson_hour,
    s.code,
    s.kind,
    s.subject_id,
    if($lang = 'en', sj.name_en, sj.name_nl)            as subject_name,
    s.title,
    s.leader_staff_id,
    coalesce(s.leader_name, st.first_name || ' ' || st.last_name) as leader,
    s.leader_name,
    s.leader_kind,
    s.room,
    s.capacity,
    s.years_of_study,
    s.class_codes
from flex_session as s
join flex_slot as sl using (slot_id)
left join subject as sj using (subject_id)
left join staff as st on st.staff_id = s.leader_staff_id
where s.cycle_id = $cycle_id
order by sl.weekday, sl.lesson_hour, s.kind, s.code
