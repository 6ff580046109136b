-- The year of study and class of the learners a decision is about, in a school year: which
-- sessions are open to them.
-- params: $learner_ids (INTEGER[]), $school_year (VARCHAR), $scope_all, $scope_class_ids,
--         $scope_leader, $scope_school_year
select
    e.learner_id,
    c.year_of_study,
    c.code      as class_code
from enrolment as e
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join class as c on c.class_id = e.class_id
where e.school_year_id = $school_year
    and list_contains($learner_ids, e.learner_id)
