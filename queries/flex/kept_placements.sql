-- Every placement of a published plan, with its session's code: a recomposition of the same
-- cycle keeps them unless a rule needs a change (routing.KEPT: a cost per learner moved).
-- params: $plan_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select
    a.learner_id,
    a.slot_id,
    a.session_id,
    s.code,
    s.kind,
    s.subject_id,
    s.title
from flex_assignment as a
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join flex_session as s using (session_id)
where a.plan_id = $plan_id
