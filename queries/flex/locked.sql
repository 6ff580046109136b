-- Placements locked by hand in a plan, with their reason: the next composition keeps them.
-- params: $plan_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select
    a.learner_id,
    a.slot_id,
    a.session_id,
    a.reason_code,
    a.reason_detail,
    a.moved_by,
    a.moved_at
from flex_assignment as a
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
where a.plan_id = $plan_id
    and a.is_locked
