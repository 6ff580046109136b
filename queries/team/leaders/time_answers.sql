-- What staff members reported in one time-registration survey: per staff member and question,
-- the mean number of hours over their responses (several weeks may have been registered).
-- params: $survey_id, $scope_all, $scope_class_ids, $scope_leader, $scope_school_year,
--         $scope_user_id, $scope_staff_data
select
    r.staff_id,
    a.question,
    avg(a.answer_value) as hours,
    count(*) as responses
from survey_answer as a
join survey_respondent as r using (survey_id, respondent_id)
join visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
    $scope_school_year::varchar,
    $scope_user_id::integer, $scope_staff_data) as v using (survey_id, respondent_id)
where a.survey_id = $survey_id
    and r.staff_id is not null
    and a.answer_value is not null
group by all
order by r.staff_id, a.question
