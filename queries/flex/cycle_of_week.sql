-- The flex cycle a week belongs to (null when flex does not run that week).
-- params: $week_id (VARCHAR)
select cycle_id
from flex_cycle_week
where week_id = $week_id
