-- Evidence for the self-assessment (indicator 6.1): of the learners placed in flex sessions
-- this school year, the share who had at least one session of their own choice (placement
-- reason 'choice'). One row: value (share), numerator, denominator, last_on.
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
    select max_by(p.plan_id, p.version) as plan_id
    from flex_plan as p
    where p.status = 'published'
        and p.cycle_id in (select cycle_id from cycles)
    group by p.cycle_id
),

per_learner as (
    select
        a.learner_id,
        bool_or(a.reason_code = 'choice') as chose
    from flex_assignment as a
    where a.plan_id in (select plan_id from plans)
    group by all
)

select
    count(*) filter (where chose)::double / nullif(count(*), 0) as value,
    count(*) filter (where chose) as numerator,
    count(*) as denominator,
    (select max(first_monday) from cycles) as last_on
from per_learner
