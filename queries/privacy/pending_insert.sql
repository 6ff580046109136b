-- Erasure: remember whom it erases (inside its own transaction, before the learner rows go), so
-- the copies can be rewritten without them, even after a crash.
-- params: $learner_ids (INTEGER[])
insert into privacy_pending (learner_id, external_id)
select
    learner_id,
    external_id
from learner
where learner_id in (select unnest($learner_ids::integer[]))
