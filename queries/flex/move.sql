-- Move a learner to another session of the same slot by hand, as long as they are still where
-- the mover saw them; the placement is locked, so the next composition keeps it, and keeps the
-- reason the learner has for the new session (the detail marks it as made by hand). Returns
-- the row moved (none: the plan or the placement changed meanwhile).
-- params: $plan_id (INTEGER), $learner_id (INTEGER), $slot_id (INTEGER),
--         $from_session (INTEGER), $to_session (INTEGER), $moved_by (VARCHAR),
--         $moved_at (TIMESTAMP), $reason_code (VARCHAR), $reason_detail (VARCHAR)
update flex_assignment
set session_id = $to_session,
    reason_code = $reason_code,
    reason_detail = $reason_detail,
    is_locked = true,
    moved_by = $moved_by,
    moved_at = $moved_at
where plan_id = $plan_id
    and learner_id = $learner_id
    and slot_id = $slot_id
    and session_id = $from_session
    and plan_id in (select plan_id from flex_plan where status = 'proposal')
returning learner_id
