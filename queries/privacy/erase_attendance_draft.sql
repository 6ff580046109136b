-- Erasure: delete what was typed about the learners in registers not saved yet; returns how
-- many rows.
-- params: $learner_ids (INTEGER[])
delete from attendance_draft
where learner_id in (select unnest($learner_ids::integer[]))
