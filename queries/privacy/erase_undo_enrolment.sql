-- Erasure: the import journal's copies of the learners' enrolment rows go too (kept for undoing
-- an import, they would otherwise outlive the erasure); returns how many rows.
-- params: $learner_ids (INTEGER[])
delete from undo_enrolment
where learner_id in (select unnest($learner_ids::integer[]))
