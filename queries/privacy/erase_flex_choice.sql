-- Erasure: delete the learners' own ranked flex choices; returns how many rows.
-- params: $learner_ids (INTEGER[])
delete from flex_choice
where learner_id in (select unnest($learner_ids::integer[]))
