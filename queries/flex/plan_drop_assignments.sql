-- The placements of a proposal, before the proposal itself goes (a new composition replaces
-- it). Published versions are never touched.
-- params: $plan_id (INTEGER)
delete from flex_assignment
where plan_id = $plan_id
    and plan_id in (select plan_id from flex_plan where status = 'proposal')
