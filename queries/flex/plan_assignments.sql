-- Every placement of a plan the viewer may see, with what the board, the lists and the messages
-- show: learner and class, slot, session (code, kind, topic, leader, room), and the reason with
-- the need it rests on (source, words, who decided, until when), and the name of the subject
-- a result rule in the reason is about (the reason itself holds its code).
-- params: $plan_id (INTEGER), $lang (VARCHAR 'nl' | 'en'), $scope_all, $scope_class_ids,
--         $scope_leader, $scope_school_year
with plan as (
    select p.plan_id, c.school_year_id
    from flex_plan as p
    join flex_cycle as c using (cycle_id)
    where p.plan_id = $plan_id
),

placed as (
    select
        a.*,
        try_cast(json_extract_string(a.reason_detail, '$.need_id') as integer) as need_id,
        json_extract_string(a.reason_detail, '$.subject')                      as rule_subject
    from flex_assignment as a
    join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                          $scope_school_year::varchar) as v
        using (learner_id)
    where a.plan_id = $plan_id
)

select
    a.learner_id,
    l.external_id,
    l.first_name,
    l.last_name,
    l.last_name || ', ' || l.first_name                          as learner,
    c.code                                                       as class_code,
    c.year_of_study,
    a.slot_id,
    sl.weekday,
    sl.lesson_hour,
    a.session_id,
    s.code,
    s.kind,
    s.subject_id,
    coalesce(s.title, if($lang = 'en', sj.name_en, sj.name_nl))  as topic,
    coalesce(s.leader_name, st.first_name || ' ' || st.last_name) as leader,
    s.leader_kind,
    s.room,
    s.capacity,
    s.years_of_study,
    s.class_codes,
    a.reason_code,
    a.reason_detail,
    a.is_locked,
    a.moved_by,
    a.moved_at,
    n.source                                                     as need_source,
    n.reason                                                     as need_reason,
    n.decided_by,
    n.valid_until,
    if($lang = 'en', rs.name_en, rs.name_nl)                     as rule_subject_name
from placed as a
join plan as p on true
join learner as l using (learner_id)
join flex_slot as sl on sl.slot_id = a.slot_id
join flex_session as s on s.session_id = a.session_id
left join subject as sj on sj.subject_id = s.subject_id
left join staff as st on st.staff_id = s.leader_staff_id
left join enrolment as e on e.learner_id = a.learner_id and e.school_year_id = p.school_year_id
left join class as c on c.class_id = e.class_id
left join need as n on n.need_id = a.need_id
left join subject as rs on rs.subject_id = a.rule_subject
-- A flex teacher (only) sees the placements in the sessions they lead, not where else their
-- learners go.
where $scope_all
    or len($scope_class_ids::integer[]) > 0
    or s.leader_staff_id = $scope_leader::integer
order by sl.weekday, sl.lesson_hour, s.code, l.last_name, l.first_name
