-- How many learners the viewer may see are enrolled this school year.
-- params: $school_year (VARCHAR), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select count(*) as learners
from enrolment as e
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
where e.school_year_id = $school_year
