-- How often each answer was given, per question (and item) of one survey.
-- params: $survey_id (INTEGER)
select
    question_no,
    question,
    item,
    answer_text,
    any_value(answer_value) as answer_value,
    count(*)                as answers
from survey_answer
where survey_id = $survey_id
    and answer_text is not null
group by all
order by question_no, item, answer_value nulls last, answers desc
