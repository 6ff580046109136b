-- The learners a survey's respondents are linked to, to check whoever tags the survey may act
-- for every one of them. Ids only, never shown.
-- params: $survey_id (INTEGER)
select distinct learner_id
from survey_respondent
where survey_id = $survey_id
    and learner_id is not null
order by learner_id
