-- Average answer per question of one survey, for questions answered on a numeric scale.
-- params: $survey_id (INTEGER)
select
    question_no,
    question,
    avg(answer_value)      as mean,
    count(answer_value)    as answers,
    min(answer_value)      as lowest,
    max(answer_value)      as highest
from survey_answer
where survey_id = $survey_id
    and answer_value is not null
group by question_no, question
order by question_no
