-- The result rule: per learner and subject, the share of the maximum in the latest period with
-- results before a day; below $below a remediation need, above $above deepening is offered.
-- params: $school_year (VARCHAR), $day (DATE), $below (DOUBLE), $above (DOUBLE),
--         $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
with latest as (
    select p.period_id, p.name
    from period as p
    where p.school_year_id = $school_year
        and p.starts_on <= $day
        and exists (select 1 from result as r where r.period_id = p.period_id)
    order by p.seq desc
    limit 1
)

select
    r.learner_id,
    r.subject_id,
    (select name from latest)            as period,
    r.score / r.max_score                as share,
    if(r.score / r.max_score < $below, 'remediation', 'deepening') as kind
from result as r
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
where r.period_id = (select period_id from latest)
    and r.score is not null
    and (r.score / r.max_score < $below or r.score / r.max_score > $above)
