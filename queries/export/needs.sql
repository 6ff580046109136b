-- Needs open today of learners the viewer may see, for export.
-- params: $school_year (VARCHAR), $today (DATE), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
select
    l.learner_id,
    l.external_id,
    l.last_name,
    l.first_name,
    c.code          as class_code,
    n.kind,
    n.subject_id,
    n.source,
    n.priority,
    n.is_hard,
    n.reason,
    n.valid_from,
    n.valid_until,
    n.decided_by
from need as n
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join learner as l using (learner_id)
left join enrolment as e
    on e.learner_id = n.learner_id
    and e.school_year_id = $school_year
left join class as c on c.class_id = e.class_id
where n.ended_at is null
    and n.valid_from <= $today
    and (n.valid_until is null or n.valid_until >= $today)
order by c.code, l.last_name, l.first_name, n.kind
