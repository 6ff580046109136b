-- Copy every placement of one plan into another (a working copy of a published version).
-- params: $from_plan (INTEGER), $to_plan (INTEGER)
insert into flex_assignment (plan_id, slot_id, learner_id, session_id, reason_code,
                             reason_detail, is_locked, moved_by, moved_at)
select $to_plan, slot_id, learner_id, session_id, reason_code, reason_detail, is_locked,
    moved_by, moved_at
from flex_assignment
where plan_id = $from_plan
