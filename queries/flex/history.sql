-- What learners did in earlier cycles (latest published plans), newest first: per cycle and
-- slot the kind, subject and title of their session and why they were there. For stability
-- (the same group again) and fairness (remediation streaks, own choices given).
-- params: $before (DATE, the first Monday of the cycle being composed), $cycles (INTEGER),
--         $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
with starts as (
    select cw.cycle_id, min(w.monday) as first_monday
    from flex_cycle_week as cw
    join week as w using (week_id)
    group by all
),

recent as (
    select cycle_id, first_monday
    from starts
    where first_monday < $before
    order by first_monday desc
    limit $cycles
),

plans as (
    select r.cycle_id, latest_published_plan(r.cycle_id) as plan_id
    from recent as r
    where latest_published_plan(r.cycle_id) is not null
)

select
    r.first_monday,
    a.learner_id,
    a.slot_id,
    s.session_id,
    s.code,
    s.kind,
    s.subject_id,
    s.title,
    a.reason_code
from plans
join recent as r using (cycle_id)
join flex_assignment as a using (plan_id)
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    on v.learner_id = a.learner_id
join flex_session as s on s.session_id = a.session_id
order by r.first_monday desc
