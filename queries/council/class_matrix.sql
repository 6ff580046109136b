-- A class's results in one period, learner by subject, with the same subject's share in the
-- period before (for the trend); only learners the viewer may see.
-- params: $class_id (INTEGER), $period_id (INTEGER), $lang (VARCHAR), $scope_all,
--         $scope_class_ids, $scope_leader, $scope_school_year
with members as (
    select e.learner_id
    from enrolment as e
    join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                          $scope_school_year::varchar) as v
        on v.learner_id = e.learner_id
    where e.class_id = $class_id
),

this_period as (
    select period_id, school_year_id, seq
    from period
    where period_id = $period_id
),

previous_period as (
    select p.period_id
    from period as p
    join this_period as t using (school_year_id)
    where p.seq < t.seq
        and exists (select 1 from result as r where r.period_id = p.period_id)
    order by p.seq desc
    limit 1
)

select
    r.learner_id,
    r.subject_id,
    if($lang = 'en', s.name_en, s.name_nl)        as subject,
    r.score / r.max_score                         as share,
    r.absence_code,
    b.score / b.max_score                         as previous_share
from result as r
join members as m using (learner_id)
join subject as s using (subject_id)
left join result as b
    on b.learner_id = r.learner_id
    and b.subject_id = r.subject_id
    and b.period_id = (select period_id from previous_period)
where r.period_id = $period_id
order by r.learner_id, r.subject_id
