-- The learners of one session in the latest published plan of its cycle, with the reason for
-- each placement in words the page can render; only learners the viewer may see.
-- params: $session_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader
with session as (
    select session_id, cycle_id, slot_id
    from flex_session
    where session_id = $session_id
),

plan as (
    select p.plan_id
    from flex_plan as p
    join session as s using (cycle_id)
    where p.status = 'published'
    order by p.version desc
    limit 1
),

placed as (
    select
        a.learner_id,
        a.reason_code,
        a.is_locked,
        try_cast(json_extract_string(a.reason_detail, '$.need_id') as integer) as need_id
    from flex_assignment as a
    join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer) as v
        using (learner_id)
    where a.plan_id = (select plan_id from plan)
        and a.session_id = $session_id
)

select
    l.learner_id,
    l.last_name || ', ' || l.first_name  as learner,
    c.code                               as class_code,
    p.reason_code,
    p.is_locked,
    n.source                             as need_source,
    n.reason                             as need_reason,
    n.decided_by,
    n.valid_until
from placed as p
join learner as l using (learner_id)
join session as s on true
join flex_cycle as fc on fc.cycle_id = s.cycle_id
left join enrolment as e
    on e.learner_id = l.learner_id
    and e.school_year_id = fc.school_year_id
left join class as c on c.class_id = e.class_id
left join need as n on n.need_id = p.need_id
order by class_code, learner
