-- Time-registration surveys (tag 'time_registration') the viewer may see, newest first, with
-- how many visible respondents are linked to a member of staff.
-- params: $scope_all, $scope_class_ids, $scope_leader, $scope_school_year, $scope_user_id,
--         $scope_staff_data
select
    s.survey_id,
    s.title,
    s.created_at,
    count(r.staff_id) as staff_respondents
from survey as s
join visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
    $scope_school_year::varchar, $scope_user_id::integer, $scope_staff_data) as v using (survey_id)
join survey_respondent as r using (survey_id, respondent_id)
where s.tag = 'time_registration'
group by all
order by s.created_at desc, s.survey_id desc
