-- Guskey level 5: the mean result (in %) of the learners of the participants' classes in one
-- subject, in the last period that ended before the initiative started and the first period
-- that started after it ended. Aggregates of at least 5 learners only: no learner identity.
-- params: $class_ids (INTEGER[]), $subject_id (VARCHAR), $starts_on (DATE), $ends_on (DATE)
with learners as (
    select distinct learner_id from enrolment where list_contains($class_ids, class_id)
),

scored as (
    select r.learner_id, p.period_id, p.starts_on, p.ends_on,
           100.0 * r.score / r.max_score as pct
    from result as r
    join period as p using (period_id)
    where r.subject_id = $subject_id and r.score is not null
        and r.learner_id in (select learner_id from learners)
),

before as (
    select avg(pct) as value, count(distinct learner_id) as n from scored
    where period_id = (select period_id from scored where ends_on < $starts_on
                       order by ends_on desc limit 1)
),

after as (
    select avg(pct) as value, count(distinct learner_id) as n from scored
    where period_id = (select period_id from scored where starts_on > $ends_on
                       order by starts_on limit 1)
)

select
    case when b.n >= 5 then round(b.value, 2) end as before_value,
    case when a.n >= 5 then round(a.value, 2) end as after_value,
    least(b.n, a.n)                               as learners
from before as b, after as a
