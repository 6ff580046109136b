-- The class of each of some learners in a school year, among the learners the viewer may see:
-- a council member decides only about learners of their own classes.
-- params: $learner_ids (INTEGER[]), $school_year (VARCHAR), $scope_all, $scope_class_ids,
--         $scope_leader, $scope_school_year
select
    e.learner_id,
    e.class_id,
    c.code
from enrolment as e
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join class as c using (class_id)
where list_contains($learner_ids, e.learner_id)
    and e.school_year_id = $school_year
