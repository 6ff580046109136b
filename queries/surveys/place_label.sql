-- Remember where an answer label sits on its question's scale (null: not on the scale).
-- params: $survey_id (INTEGER), $question_no (INTEGER), $label (VARCHAR), $scale_value (DOUBLE or NULL)
insert into survey_label (survey_id, question_no, label, value)
values ($survey_id, $question_no, $label, $scale_value)
on conflict (survey_id, question_no, label) do update set value = excluded.value
