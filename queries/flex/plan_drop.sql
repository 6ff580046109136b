-- Remove a proposal (its placements first: plan_drop_assignments). Published versions stay.
-- params: $plan_id (INTEGER)
delete from flex_plan
where plan_id = $plan_id
    and status = 'proposal'
