-- Evidence for the self-assessment (indicators 2.2 and 4.1): of the learners placed in flex
-- sessions this school year (latest published version of each cycle begun), the share with at
-- least one feedback note that states a feed up (what to work on, how, when it is good enough).
-- One row: value (share), numerator, denominator, last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with cycles as (
    select
        c.cycle_id
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
