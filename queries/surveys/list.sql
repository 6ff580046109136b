-- Every survey the viewer may see something of (or uploaded), newest first, with the number of
-- visible respondents and complete responses.
-- params: $scope_all, $scope_class_ids, $scope_leader, $scope_school_year, $scope_user_id,
--         $scope_staff_data
with visible as (
    select r.*
    from survey_respondent as r
    join visible_respondents($scope_all, $scope_class_ids::integer[], $scope_leader::integer,
                             $scope_school_year::varchar,
                             $scope_user_id::integer, $scope_staff_data) as v
        using (survey_id, respondent_id)
)

select
    s.survey_id,
    s.title,
    s.source,
    s.tag,
    s.audience,
    s.created_at,
    count(v.respondent_id)                              as respondents,
    count(v.respondent_id) filter (where v.is_complete) as complete
from survey as s
left join visible as v using (survey_id)
group by all
having count(v.respondent_id) > 0 or any_value(s.created_by) = $scope_user_id
order by s.created_at desc, s.survey_id desc
