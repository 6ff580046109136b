-- Evidence for the self-assessment (indicator 10.3): learners switch groups at fixed moments.
-- This school year's flex cycles begun by today (a group stays together for a cycle) and their
-- flex weeks. One row: value (weeks per cycle), numerator (cycles), denominator (flex weeks),
-- last_on (the last switching moment).
-- params: $school_year (VARCHAR), $today (DATE)
with weeks as (
    select
        cw.cycle_id,
        w.monday
    from flex_cycle_week as cw
    join flex_cycle as c using (cycle_id)
    join week as w using (week_id)
    where c.school_year_id = $school_year
        and w.monday <= $today
)

select
    count(*)::double / nullif(count(distinct cycle_id), 0) as value,
    count(distinct cycle_id) as numerator,
    count(*) as denominator,
    max(first_monday) as last_on
from (
    select
        cycle_id,
        monday,
        min(monday) over (partition by cycle_id) as first_monday
    from weeks
)
