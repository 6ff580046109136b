-- Evidence for the self-assessment (indicator 1.1): the share of this school year's learners
-- whose needs a class council mapped, i.e. with a need of source 'class_council' decided this
-- school year up to today. One row: value (share), numerator, denominator, last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with enrolled as (
    select learner_id
    from enrolment
    where school_year_id = $school_year
),

bounds as (
    select starts_on, ends_on
    from school_year
    where school_year_id = $school_year
),

mapped as (
    select
        n.learner_id,
        max(n.valid_from) as last_on
    from need as n, bounds as b
    where n.source = 'class_council'
        and n.valid_from between b.starts_on and least(b.ends_on, $today)
    group by all
)

select
    count(m.learner_id)::double / nullif(count(*), 0) as value,
    count(m.learner_id) as numerator,
    count(*) as denominator,
    max(m.last_on) as last_on
from enrolled as e
left join mapped as m using (learner_id)
