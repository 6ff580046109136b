-- The questions of a survey with their type and scale (no answers, no personal data).
-- params: $survey_id (INTEGER)
select
    question_no,
    question,
    question_type,
    scale_name,
    scale_min,
    scale_max
from survey_question
where survey_id = $survey_id
order by question_no
