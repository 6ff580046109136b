-- Treat a question as a scale from now on, with the range of the values its labels were given.
-- params: $survey_id (INTEGER), $question_no (INTEGER)
update survey_question
set question_type = 'scale',
    scale_name = coalesce(scale_name, 'placed'),
    scale_min = (select min(value) from survey_label
                 where survey_id = $survey_id and question_no = $question_no),
    scale_max = (select max(value) from survey_label
                 where survey_id = $survey_id and question_no = $question_no)
where survey_id = $survey_id
    and question_no = $question_no
