-- Erasure: delete the flex attendance of the learners; returns how many rows.
-- params: $learner_ids (INTEGER[])
delete from flex_attendance
where learner_id in (select unnest($learner_ids::integer[]))
