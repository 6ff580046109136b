-- The latest published version of one cycle (published_plans, the one definition), or no row.
-- params: $cycle_id (INTEGER)
select pp.plan_id
from published_plans(
    (select school_year_id from flex_cycle where cycle_id = $cycle_id)) as pp
where pp.cycle_id = $cycle_id
