-- The learners of one session in a plan, with their attendance and feedback note of one week,
-- for the flex teacher who takes the register.
-- params: $plan_id (INTEGER), $session_id (INTEGER), $week_id (VARCHAR), $scope_all,
--         $scope_class_ids, $scope_leader, $scope_school_year
with notes as (
    select
        learner_id,
        max_by(note_id, created_at)        as note_id
    from feedback_note
    where session_id = $session_id
        and week_id = $week_id
    group by all
)

select
    a.learner_id,
    l.last_name || ', ' || l.first_name   as learner,
    c.code                                as class_code,
    att.status,
    att.recorded_by,
    att.recorded_at,
    f.feed_up,
    f.feedback,
    f.feed_forward
from flex_assignment as a
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    using (learner_id)
join learner as l using (learner_id)
join flex_plan as p on p.plan_id = a.plan_id
join flex_cycle as fc on fc.cycle_id = p.cycle_id
left join enrolment as e on e.learner_id = a.learner_id and e.school_year_id = fc.school_year_id
left join class as c on c.class_id = e.class_id
left join flex_attendance as att
    on att.learner_id = a.learner_id
    and att.session_id = a.session_id
    and att.week_id = $week_id
left join notes as n on n.learner_id = a.learner_id
left join feedback_note as f on f.note_id = n.note_id
where a.plan_id = $plan_id
    and a.session_id = $session_id
order by l.last_name, l.first_name
