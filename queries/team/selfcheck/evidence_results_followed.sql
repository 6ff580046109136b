-- Evidence for the self-assessment (indicator 7.1): results are followed in one place. For the
-- latest period with results that began by today, the share of that school year's learners
-- with at least one result in it. One row: value (share), numerator, denominator, last_on
-- (the end of that period).
-- params: $school_year (VARCHAR), $today (DATE)
with latest as (
    select
        p.period_id,
        p.school_year_id,
        p.ends_on
    from period as p
    where p.starts_on <= $today
        and p.school_year_id <= $school_year
        and exists (select 1 from result as r where r.period_id = p.period_id)
    order by p.starts_on desc
    limit 1
),

enrolled as (
    select e.learner_id
    from enrolment as e
    join latest as l using (school_year_id)
),

with_results as (
    select distinct r.learner_id
    from result as r
    join latest as l using (period_id)
)

select
    count(w.learner_id)::double / nullif(count(*), 0) as value,
    count(w.learner_id) as numerator,
    count(*) as denominator,
    (select ends_on from latest) as last_on
from enrolled as e
left join with_results as w using (learner_id)
