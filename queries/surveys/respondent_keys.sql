-- How the respondents already stored for a survey are recognised in its export.
-- params: $survey_id (INTEGER)
select source_key
from survey_respondent
where survey_id = $survey_id
    and source_key is not null
