-- Erasure: the import journal's copies of the learners' survey responses lose the link to them,
-- as the responses themselves do.
-- params: $learner_ids (INTEGER[])
update undo_survey_respondent
set learner_id = null,
    pseudonym = null
where learner_id in (select unnest($learner_ids::integer[]))
