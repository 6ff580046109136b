-- The needs open on a day (the start of a cycle), with what routing weighs: kind, subject,
-- source, priority, hard or advisory, and the words to explain a placement.
-- params: $day (DATE), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select
    n.need_id,
    n.learner_id,
    n.kind,
    n.subject_id,
    n.source,
    n.priority,
    n.is_hard,
    n.reason,
    n.decided_by,
    n.valid_until
from need as n
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
where n.ended_at is null
    and n.valid_from <= $day
    and (n.valid_until is null or n.valid_until >= $day)
