-- The proposal (unpublished plan) of a cycle, if any.
-- params: $cycle_id (INTEGER)
select plan_id
from flex_plan
where cycle_id = $cycle_id
    and status = 'proposal'
order by plan_id desc
limit 1
