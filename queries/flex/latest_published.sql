-- The latest published version of one cycle (the one definition: latest_published_plan, 014),
-- or no row.
-- params: $cycle_id (INTEGER)
select latest_published_plan($cycle_id) as plan_id
from (select 1)
where latest_published_plan($cycle_id) is not null
