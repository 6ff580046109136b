-- Erasure: delete the flex placements of the learners; returns how many rows.
-- params: $learner_ids (INTEGER[])
delete from flex_assignment
where learner_id in (select unnest($learner_ids::integer[]))
