-- One learner's answers to tagged surveys over time (well-being, self-reflection), each survey
-- as the mean share of its scales, and the learner's own words where a question asked for them.
-- params: $learner_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year
select
    s.survey_id,
    s.title,
    s.tag,
    coalesce(any_value(r.answered_at), s.created_at)               as answered_at,
    avg((a.answer_value - coalesce(q.scale_min, 1))
        / nullif(coalesce(q.scale_max, 5) - coalesce(q.scale_min, 1), 0))
        filter (where a.answer_value is not null)                  as score,
    string_agg(a.answer_text, ' · ' order by a.question_no)
        filter (where a.answer_value is null and a.answer_text is not null) as words
from survey as s
join survey_respondent as r using (survey_id)
join visible_learners($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                      $scope_school_year::varchar) as v
    on v.learner_id = r.learner_id
join survey_answer as a using (survey_id, respondent_id)
left join survey_question as q using (survey_id, question_no)
where r.learner_id = $learner_id
    and s.tag in ('wellbeing', 'self_reflection')
group by s.survey_id, s.title, s.tag, s.created_at
order by answered_at
