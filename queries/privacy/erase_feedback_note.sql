-- Erasure: delete the feedback notes about the learners; returns how many rows.
-- params: $learner_ids (INTEGER[])
delete from feedback_note
where learner_id in (select unnest($learner_ids::integer[]))
