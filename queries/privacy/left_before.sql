-- Learners who left the school before a date: the dry run of an erasure, for the administrator.
-- params: $left_before (DATE), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select
    l.learner_id,
    l.external_id,
    l.last_name || ', ' || l.first_name as learner,
    l.left_on,
    (select c.code from enrolment as e join class as c using (class_id)
     where e.learner_id = l.learner_id order by c.school_year_id desc limit 1) as last_class
from learner as l
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
where l.left_on is not null
    and l.left_on < $left_before
order by l.left_on, l.last_name, l.first_name
