-- How many respondents a survey holds now (told when an upload adds to it).
-- params: $survey_id (INTEGER)
select count(*)
from survey_respondent
where survey_id = $survey_id
