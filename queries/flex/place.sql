-- Place a learner who has no session in a slot yet (new to the school, or left out), by hand,
-- with the reason they have for that session (the detail marks it as made by hand).
-- params: $plan_id (INTEGER), $learner_id (INTEGER), $slot_id (INTEGER), $to_session (INTEGER),
--         $moved_by (VARCHAR), $moved_at (TIMESTAMP), $reason_code (VARCHAR),
--         $reason_detail (VARCHAR)
insert into flex_assignment (plan_id, slot_id, learner_id, session_id, reason_code,
                             reason_detail, is_locked, moved_by, moved_at)
select $plan_id, $slot_id, $learner_id, $to_session, $reason_code, $reason_detail, true,
       $moved_by, $moved_at
where $plan_id in (select plan_id from flex_plan where status = 'proposal')
    and not exists (
        select 1 from flex_assignment
        where plan_id = $plan_id and learner_id = $learner_id and slot_id = $slot_id
    )
returning learner_id
