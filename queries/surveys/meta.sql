-- Who uploaded a survey, its tag and its audience: what a permission on it depends on.
-- params: $survey_id (INTEGER)
select
    created_by,
    tag,
    audience
from survey
where survey_id = $survey_id
