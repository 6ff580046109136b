-- Erasure: delete the results of the learners; returns how many rows.
-- params: $learner_ids (INTEGER[])
delete from result
where learner_id in (select unnest($learner_ids::integer[]))
