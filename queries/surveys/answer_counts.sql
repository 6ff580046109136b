-- How often each answer was given, per question (and item) of one survey, over the responses
-- the viewer may see.
-- params: $survey_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year,
--         $scope_user_id, $scope_staff_data
select
    a.question_no,
    a.question,
    a.item,
    a.answer_text,
    any_value(a.answer_value) as answer_value,
    count(*)                  as answers
from survey_answer as a
join visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                         $scope_school_year::varchar,
                         $scope_user_id::integer, $scope_staff_data) as v
    using (survey_id, respondent_id)
where a.survey_id = $survey_id
    and a.answer_text is not null
group by all
order by a.question_no, a.item, answer_value nulls last, answers desc
