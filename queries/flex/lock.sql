-- Lock or unlock a placement of a proposal: a locked placement is kept by the next composition.
-- params: $plan_id (INTEGER), $learner_id (INTEGER), $slot_id (INTEGER), $locked (BOOLEAN),
--         $moved_by (VARCHAR), $moved_at (TIMESTAMP)
update flex_assignment
set is_locked = $locked,
    moved_by = if($locked, coalesce(moved_by, $moved_by), moved_by),
    moved_at = if($locked, coalesce(moved_at, $moved_at), moved_at)
where plan_id = $plan_id
    and learner_id = $learner_id
    and slot_id = $slot_id
    and plan_id in (select plan_id from flex_plan where status = 'proposal')
returning learner_id
