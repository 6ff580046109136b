-- Answers of scale questions that are not (yet) on the scale, with how often each was given.
-- params: $survey_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year,
--         $scope_user_id, $scope_staff_data
select
    a.question_no,
    a.question,
    a.answer_text  as label,
    count(*)       as answers
from survey_answer as a
join visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                         $scope_school_year::varchar,
                         $scope_user_id::integer, $scope_staff_data) as v
    using (survey_id, respondent_id)
join survey_question as q using (survey_id, question_no)
where a.survey_id = $survey_id
    and q.question_type = 'scale'
    and a.answer_value is null
    and a.answer_text is not null
group by all
order by a.question_no, answers desc
