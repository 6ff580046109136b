-- Evidence for the self-assessment (indicator 6.1): of the learners placed in flex sessions
-- this school year, the share who had at least one session of their own choice (placement
-- reason 'choice'). One row: value (share), numerator, denominator, last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with plans as (
    -- the latest published version of every cycle begun by today
    select cycle_id, first_monday, plan_id
    from published_plans($school_year)
    where first_monday <= $today
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
    (select max(first_monday) from plans) as last_on
from per_learner
