-- One learner's results over the years: every subject and period, as a share of the maximum,
-- oldest first (a timeline for a coaching talk or a parents' evening looks back further than
-- this school year).
-- params: $learner_id (INTEGER), $lang (VARCHAR), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
select
    dense_rank() over (order by p.ends_on)     as seq,
    p.name || ' ' || p.school_year_id          as period,
    p.ends_on,
    r.subject_id,
    if($lang = 'en', s.name_en, s.name_nl)     as subject,
    r.score / r.max_score                      as share,
    r.absence_code
from result as r
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join period as p using (period_id)
join subject as s using (subject_id)
where r.learner_id = $learner_id
order by p.ends_on, r.subject_id
