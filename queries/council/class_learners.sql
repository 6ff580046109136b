-- The learners of one class the viewer may see, with what a class council looks at first: open
-- needs (hard ones, kinds, a self-reflection), the latest well-being answers as a share of the
-- scale, and this school year's flex history (cycles with remediation, with an own choice).
-- params: $class_id (INTEGER), $today (DATE), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
with members as (
    select e.learner_id, c.school_year_id
    from enrolment as e
    join class as c using (class_id)
    join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                          $scope_school_year::varchar) as v
        on v.learner_id = e.learner_id
    where e.class_id = $class_id
),

open_needs as (
    select
        n.learner_id,
        count(*)                                              as needs,
        count(*) filter (where n.is_hard)                     as hard_needs,
        count(*) filter (where n.source = 'self_reflection')  as self_reflection,
        string_agg(distinct n.kind, ',' order by n.kind)      as kinds
    from need as n
    where n.learner_id in (select learner_id from members)
        and n.ended_at is null
        -- a decision taken today for the next cycle counts already: the council just took it
        and (n.valid_until is null or n.valid_until >= $today)
    group by n.learner_id
),

wellbeing_answers as (
    select
        r.learner_id,
        s.survey_id,
        s.created_at,
        avg((a.answer_value - coalesce(q.scale_min, 1))
            / nullif(coalesce(q.scale_max, 5) - coalesce(q.scale_min, 1), 0)) as score
    from survey as s
    join survey_respondent as r using (survey_id)
    join survey_answer as a using (survey_id, respondent_id)
    left join survey_question as q using (survey_id, question_no)
    where s.tag = 'wellbeing'
        and r.learner_id in (select learner_id from members)
        and a.answer_value is not null
    group by all
),

wellbeing as (
    select learner_id, arg_max(score, created_at) as wellbeing
    from wellbeing_answers
    group by learner_id
),

plans as (
    select cycle_id, plan_id
    from published_plans((select any_value(school_year_id) from members))
),

flex as (
    select
        a.learner_id,
        count(distinct p.cycle_id) filter (where s.kind = 'remediation')  as remediation_cycles,
        count(distinct p.cycle_id) filter (where a.reason_code = 'choice') as choice_cycles,
        count(distinct p.cycle_id)                                         as cycles
    from flex_assignment as a
    join plans as p using (plan_id)
    join flex_session as s using (session_id)
    where a.learner_id in (select learner_id from members)
    group by a.learner_id
)

select
    l.learner_id,
    l.last_name || ', ' || l.first_name        as learner,
    l.first_name,
    coalesce(o.needs, 0)                       as needs,
    coalesce(o.hard_needs, 0)                  as hard_needs,
    coalesce(o.self_reflection, 0)             as self_reflection,
    o.kinds,
    w.wellbeing,
    coalesce(f.remediation_cycles, 0)          as remediation_cycles,
    coalesce(f.choice_cycles, 0)               as choice_cycles,
    coalesce(f.cycles, 0)                      as flex_cycles
from members as m
join learner as l using (learner_id)
left join open_needs as o using (learner_id)
left join wellbeing as w using (learner_id)
left join flex as f using (learner_id)
order by l.last_name, l.first_name
