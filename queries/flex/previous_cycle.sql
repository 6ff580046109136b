-- The cycle just before another one (across school years), for copying its offer and history.
-- params: $cycle_id (INTEGER)
with starts as (
    select cw.cycle_id, min(w.monday) as first_monday
    from flex_cycle_week as cw
    join week as w using (week_id)
    group by all
)

select cycle_id
from starts
where first_monday < (select first_monday from starts where cycle_id = $cycle_id)
order by first_monday desc
limit 1
