-- Evidence for the self-assessment (indicator 1.3): of this school year's flex placements (the
-- latest published version of each cycle up to today), the share resting on a reason that was
-- weighed: a class-council decision, a need or the learner's own choice (not only filling a
-- place). One row: value (share), numerator, denominator, last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with cycles as (
    select
        c.cycle_id,
        min(w.monday) as first_monday
    from flex_cycle as c
    join flex_cycle_week as cw using (cycle_id)
    join week as w using (week_id)
    where c.school_year_id = $school_year
    group by all
    having min(w.monday) <= $today
),

plans as (
    select
        p.cycle_id,
        max_by(p.plan_id, p.version) as plan_id
    from flex_plan as p
    where p.status = 'published'
        and p.cycle_id in (select cycle_id from cycles)
    group by all
)

select
    count(*) filter (where a.reason_code in ('hard_decision', 'need', 'choice'))::double
        / nullif(count(*), 0) as value,
    count(*) filter (where a.reason_code in ('hard_decision', 'need', 'choice')) as numerator,
    count(*) as denominator,
    (select max(first_monday) from cycles) as last_on
from flex_assignment as a
where a.plan_id in (select plan_id from plans)
