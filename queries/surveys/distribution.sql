-- How many visible respondents gave each value on the scale, per question and item: the data of
-- the diverging bar chart (aggregated here; only these few rows reach the browser).
-- params: $survey_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year,
--         $scope_user_id, $scope_staff_data
select
    a.question_no,
    a.question,
    a.item,
    a.answer_value,
    min(a.answer_text)  as label,
    count(*)            as answers
from survey_answer as a
join visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                         $scope_school_year::varchar,
                         $scope_user_id::integer, $scope_staff_data) as v
    using (survey_id, respondent_id)
where a.survey_id = $survey_id
    and a.answer_value is not null
group by all
order by a.question_no, a.item nulls first, a.answer_value
