-- Erasure, step one: remember which learner rows step two must delete.
-- params: $learner_ids (INTEGER[])
insert into erasure_pending (learner_id)
select unnest($learner_ids::integer[])
on conflict do nothing
