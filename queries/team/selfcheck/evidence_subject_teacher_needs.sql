-- Evidence for the self-assessment (indicator 1.4): how many needs subject teachers passed on
-- to the flex team this school year (source 'subject_teacher'), and for how many learners.
-- One row: value (needs), numerator (needs), denominator (learners), last_on.
-- params: $school_year (VARCHAR), $today (DATE)
with bounds as (
    select starts_on, ends_on
    from school_year
    where school_year_id = $school_year
),

passed as (
    select
        n.need_id,
        n.learner_id,
        n.valid_from
    from need as n, bounds as b
    where n.source = 'subject_teacher'
        and n.valid_from between b.starts_on and least(b.ends_on, $today)
)

select
    count(*)::double as value,
    count(*) as numerator,
    count(distinct learner_id) as denominator,
    max(valid_from) as last_on
from passed
