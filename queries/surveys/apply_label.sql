-- Give every answer with this label its value on the scale.
-- params: $survey_id (INTEGER), $question_no (INTEGER), $label (VARCHAR), $scale_value (DOUBLE or NULL)
update survey_answer
set answer_value = $scale_value
where survey_id = $survey_id
    and question_no = $question_no
    and answer_text = $label
