-- The first cycle that starts on or after a day: the one to compose next.
-- params: $today (DATE)
with starts as (
    select cw.cycle_id, min(w.monday) as first_monday
    from flex_cycle_week as cw
    join week as w using (week_id)
    group by all
)

select cycle_id
from starts
where first_monday >= $today
order by first_monday
limit 1
