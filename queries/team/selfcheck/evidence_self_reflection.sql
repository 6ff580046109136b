-- Evidence for the self-assessment (indicator 1.2): the share of this school year's learners
-- with a self-reflection in the current period (the period holding today, else the latest one
-- begun): a response to a survey tagged 'self_reflection', or a need they stated themselves.
-- One row: value (share), numerator, denominator, last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with this_period as (
    select starts_on, ends_on
    from period
    where school_year_id = $school_year
        and starts_on <= $today
    order by starts_on desc
    limit 1
),

enrolled as (
    select learner_id
    from enrolment
    where school_year_id = $school_year
),

reflected as (
    select
        r.learner_id,
        r.answered_at::date as on_day
    from survey_respondent as r
    join survey as s using (survey_id)
    cross join this_period as p
    where s.tag = 'self_reflection'
        and r.learner_id is not null
        and r.answered_at::date between p.starts_on and least(p.ends_on, $today)
    union all
    select
        n.learner_id,
        n.valid_from as on_day
    from need as n
    cross join this_period as p
    where n.source = 'self_reflection'
        and n.valid_from between p.starts_on and least(p.ends_on, $today)
),

per_learner as (
    select
        learner_id,
        max(on_day) as last_on
    from reflected
    group by all
)

select
    count(r.learner_id)::double / nullif(count(*), 0) as value,
    count(r.learner_id) as numerator,
    count(*) as denominator,
    max(r.last_on) as last_on
from enrolled as e
left join per_learner as r using (learner_id)
