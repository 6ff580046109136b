-- The class-council decisions and other needs of some learners, open and ended, newest first:
-- the history a council reads before deciding again.
-- params: $learner_ids (INTEGER[]), $lang (VARCHAR), $scope_all, $scope_class_ids,
--         $scope_leader, $scope_school_year
select
    n.need_id,
    n.learner_id,
    l.last_name || ', ' || l.first_name         as learner,
    n.kind,
    n.subject_id,
    if($lang = 'en', s.name_en, s.name_nl)      as subject,
    n.source,
    n.priority,
    n.is_hard,
    n.reason,
    n.valid_from,
    n.valid_until,
    n.decided_by,
    n.recorded_by,
    n.created_at,
    n.ended_at,
    n.ended_by,
    n.replaces_need_id
from need as n
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join learner as l using (learner_id)
left join subject as s using (subject_id)
where list_contains($learner_ids, n.learner_id)
order by n.created_at desc, n.need_id desc
