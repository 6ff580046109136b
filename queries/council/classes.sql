-- Classes of a school year the viewer may see, with their number of learners, for the picker:
-- every class for those who see the whole school, else the classes of their scope.
-- params: $school_year (VARCHAR), $scope_all, $scope_class_ids
select
    c.class_id,
    c.code,
    c.year_of_study,
    c.grade,
    count(e.learner_id) as learners
from class as c
left join enrolment as e using (class_id)
where c.school_year_id = $school_year
    and ($scope_all or list_contains($scope_class_ids::integer[], c.class_id))
group by all
order by c.year_of_study, c.code
