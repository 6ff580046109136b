-- Who uploaded a survey (its owner may rename it and place its labels).
-- params: $survey_id (INTEGER)
select created_by
from survey
where survey_id = $survey_id
