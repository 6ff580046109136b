-- Answers to learner surveys with a tag over a school year, per class and survey: the mean
-- share of the scales and how many answered; and per flex kind the learners had in the cycle
-- running when they answered. Only learners the viewer may see.
-- params: $school_year (VARCHAR), $tag (VARCHAR), $scope_all, $scope_class_ids, $scope_leader,
--         $scope_school_year
with answers as (
    select
        s.survey_id,
        s.title,
        s.created_at::date                     as survey_date,
        r.learner_id,
        avg((a.answer_value - coalesce(q.scale_min, 1))
            / nullif(coalesce(q.scale_max, 5) - coalesce(q.scale_min, 1), 0)) as score
    from survey as s
    join survey_respondent as r using (survey_id)
    join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                          $scope_school_year::varchar) as v
        on v.learner_id = r.learner_id
    join survey_answer as a using (survey_id, respondent_id)
    left join survey_question as q using (survey_id, question_no)
    join school_year as y on y.school_year_id = $school_year
    where s.tag = $tag
        and a.answer_value is not null
        and s.created_at::date between y.starts_on and y.ends_on
    group by all
),

in_year as (
    select a.*, c.code as class_code
    from answers as a
    join enrolment as e on e.learner_id = a.learner_id and e.school_year_id = $school_year
    join class as c on c.class_id = e.class_id
),

plans as (
    select cycle_id, first_monday, plan_id from published_plans($school_year)
),

kinds as (
    select distinct i.survey_id, i.learner_id, s.kind
    from in_year as i
    join plans as p
        on p.first_monday = (select max(x.first_monday) from plans as x
                             where x.first_monday <= i.survey_date)
    join flex_assignment as a on a.plan_id = p.plan_id and a.learner_id = i.learner_id
    join flex_session as s on s.session_id = a.session_id
)

select 'class' as grouping, class_code as group_name, survey_id, any_value(title) as title,
    any_value(survey_date) as survey_date, avg(score) as score, count(*) as learners
from in_year
group by all
union all
select 'kind' as grouping, k.kind as group_name, i.survey_id, any_value(i.title) as title,
    any_value(i.survey_date) as survey_date, avg(i.score) as score, count(*) as learners
from in_year as i
join kinds as k using (survey_id, learner_id)
group by all
order by grouping, group_name, survey_date
