-- Evidence for the self-assessment (indicator 4.2): of the learners placed in flex sessions
-- this school year, the share who got feedback with a feed forward in the last 28 days up to
-- today. One row: value (share), numerator, denominator, last_on.
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

recent as (
    select
        f.learner_id,
        max(f.created_at)::date as last_on
    from feedback_note as f
    where coalesce(trim(f.feedback), '') <> ''
        and coalesce(trim(f.feed_forward), '') <> ''
        and f.created_at::date between $today - interval 28 day and $today
    group by all
)

select
    count(r.learner_id)::double / nullif(count(*), 0) as value,
    count(r.learner_id) as numerator,
    count(*) as denominator,
    max(r.last_on) as last_on
from placed as p
left join recent as r using (learner_id)
