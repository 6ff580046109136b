-- The most recent survey with responses the viewer may see, and how many.
-- params: $scope_all, $scope_class_ids, $scope_leader, $scope_school_year, $scope_user_id,
--         $scope_staff_data
with visible as (
    select *
    from visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                             $scope_school_year::varchar,
                             $scope_user_id::integer, $scope_staff_data)
)

select
    s.survey_id,
    s.title,
    s.tag,
    s.audience,
    s.created_at,
    count(v.respondent_id) as respondents
from survey as s
join visible as v using (survey_id)
group by all
order by s.created_at desc, s.survey_id desc
limit 1
