-- Erasure: delete the class memberships of the learners; returns how many rows.
-- params: $learner_ids (INTEGER[])
delete from enrolment
where learner_id in (select unnest($learner_ids::integer[]))
