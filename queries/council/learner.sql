-- One learner the viewer may see, with the class of a school year: the head of the timeline.
-- params: $learner_id (INTEGER), $school_year (VARCHAR), $scope_all, $scope_class_ids,
--         $scope_leader, $scope_school_year
select
    l.learner_id,
    l.external_id,
    l.first_name,
    l.last_name,
    l.last_name || ', ' || l.first_name    as learner,
    c.code                                 as class_code,
    c.year_of_study
from learner as l
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
left join enrolment as e on e.learner_id = l.learner_id and e.school_year_id = $school_year
left join class as c on c.class_id = e.class_id
where l.learner_id = $learner_id
