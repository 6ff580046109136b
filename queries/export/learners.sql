-- Learners of a school year the viewer may see, for export, with their class.
-- params: $school_year (VARCHAR), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select
    l.learner_id,
    l.external_id,
    l.last_name,
    l.first_name,
    c.code        as class_code,
    l.birth_date,
    l.email,
    l.left_on
from learner as l
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join enrolment as e
    on e.learner_id = l.learner_id
    and e.school_year_id = $school_year
join class as c on c.class_id = e.class_id
order by c.code, l.last_name, l.first_name
