-- The next free respondent number within a survey.
-- params: $survey_id (INTEGER)
select coalesce(max(respondent_id), 0) + 1 as next_id
from survey_respondent
where survey_id = $survey_id
