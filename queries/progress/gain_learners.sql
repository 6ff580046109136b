-- Learning gains by learner, for every grouping of Flex › Opvolging. A gain is a learner's
-- change in a subject's share between the period before a cycle and the period after it (the
-- window). Participants: one row per learner and remediation or deepening session of a school
-- year's published plans (participant = true), with the session's kind, code, slot and leader
-- and the sessions attended. Comparison: classmates of those participants with results in the
-- same subject and window who were in no session of that subject in any published version of a
-- cycle with that window (participant = false), once per learner, subject and window.
-- params: $school_year (VARCHAR), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
with visible as (
    select learner_id
    from visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                          $scope_school_year::varchar)
),

participants as (
    select p.*
    from flex_participation($school_year) as p
    where p.learner_id in (select learner_id from visible)
),

cycle_windows as (
    select distinct cycle_id, before_id, after_id from participants
),

windows as (
    select distinct class_id, subject_id, before_id, after_id from participants
),

taking_part as (
    select distinct a.learner_id, s.subject_id, w.before_id, w.after_id
    from flex_assignment as a
    join flex_plan as p using (plan_id)
    join cycle_windows as w on w.cycle_id = p.cycle_id
    join flex_session as s on s.session_id = a.session_id
    where p.status = 'published'
),

comparison as (
    select distinct
        e.learner_id,
        w.class_id,
        w.subject_id,
        w.before_id,
        w.after_id,
        b.score / b.max_score      as before_share,
        f.score / f.max_score      as after_share
    from windows as w
    join enrolment as e on e.class_id = w.class_id
    join result as b
        on b.learner_id = e.learner_id and b.subject_id = w.subject_id
        and b.period_id = w.before_id and b.score is not null
    join result as f
        on f.learner_id = e.learner_id and f.subject_id = w.subject_id
        and f.period_id = w.after_id and f.score is not null
    where e.learner_id in (select learner_id from visible)
        and not exists (
            select 1 from taking_part as t
            where t.learner_id = e.learner_id and t.subject_id = w.subject_id
                and t.before_id = w.before_id and t.after_id = w.after_id
        )
)

select
    true                                                           as participant,
    p.learner_id,
    p.class_id,
    p.subject_id,
    p.before_id,
    p.after_id,
    p.before_share,
    p.after_share,
    p.cycle_id,
    p.cycle_seq,
    p.session_id,
    p.code,
    p.kind,
    sl.weekday,
    sl.lesson_hour,
    coalesce(st.first_name || ' ' || st.last_name, p.leader_name)  as leader,
    p.present
from participants as p
join flex_session as s on s.session_id = p.session_id
join flex_slot as sl on sl.slot_id = s.slot_id
left join staff as st on st.staff_id = p.leader_staff_id

union all

select
    false, c.learner_id, c.class_id, c.subject_id, c.before_id, c.after_id, c.before_share,
    c.after_share, null, null, null, null, null, null, null, null, 0
from comparison as c
order by participant desc, cycle_seq, code, learner_id
