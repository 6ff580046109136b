-- Erasure: the learner rows themselves (name, identifiers, birth date, e-mail), last.
-- params: $learner_ids (INTEGER[])
delete from learner
where learner_id in (select unnest($learner_ids::integer[]))
