-- Evidence for the self-assessment (indicators 2.2 and 4.1): of the learners placed in flex
-- sessions this school year (latest published version of each cycle begun), the share with at
-- least one feedback note that states a feed up (what to work on, how, when it is good enough).
-- One row: value (share), numerator, denominator, last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with plans as (
    -- the latest published version of every cycle begun by today
    select cycle_id, first_monday, plan_id
    from published_plans($school_year)
    where first_monday <= $today
),

placed as (
    select distinct a.learner_id
    from flex_assignment as a
    where a.plan_id in (select plan_id from plans)
),

bounds as (
    select starts_on
    from school_year
    where school_year_id = $school_year
),

noted as (
    select
        f.learner_id,
        max(f.created_at)::date as last_on
    from feedback_note as f, bounds as b
    where coalesce(trim(f.feed_up), '') <> ''
        and f.created_at::date between b.starts_on and $today
    group by all
)

select
    count(n.learner_id)::double / nullif(count(*), 0) as value,
    count(n.learner_id) as numerator,
    count(*) as denominator,
    max(n.last_on) as last_on
from placed as p
left join noted as n using (learner_id)
