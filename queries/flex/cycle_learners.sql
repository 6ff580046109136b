-- The learners of a school year who take part in flex, with year of study and class.
-- params: $school_year (VARCHAR), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select
    l.learner_id,
    l.last_name || ', ' || l.first_name   as learner,
    c.year_of_study,
    c.code                                as class_code
from enrolment as e
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join learner as l using (learner_id)
join class as c on c.class_id = e.class_id
where e.school_year_id = $school_year
    and (l.left_on is null or l.left_on > current_date)
order by c.code, l.last_name, l.first_name
