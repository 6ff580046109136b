-- Evidence for the self-assessment (indicator 4.2): of the learners placed in flex sessions
-- this school year, the share who got feedback with a feed forward in the last 28 days up to
-- today. One row: value (share), numerator, denominator, last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with cycles as (
    select c.cycle_id
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
