-- Average answer per question of one survey, for questions answered on a numeric scale, over
-- the responses the viewer may see.
-- params: $survey_id (INTEGER), $scope_all, $scope_class_ids, $scope_leader, $scope_school_year,
--         $scope_user_id, $scope_staff_data
select
    a.question_no,
    a.question,
    avg(a.answer_value)      as mean,
    count(a.answer_value)    as answers,
    min(a.answer_value)      as lowest,
    max(a.answer_value)      as highest
from survey_answer as a
join visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                         $scope_school_year::varchar,
                         $scope_user_id::integer, $scope_staff_data) as v
    using (survey_id, respondent_id)
where a.survey_id = $survey_id
    and a.answer_value is not null
group by a.question_no, a.question
order by a.question_no
