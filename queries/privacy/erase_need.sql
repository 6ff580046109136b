-- Erasure: delete the needs and class-council decisions of the learners; returns how many rows.
-- params: $learner_ids (INTEGER[])
delete from need
where learner_id in (select unnest($learner_ids::integer[]))
