-- The learners (by id) a database holds under some stamboeknummers, in the learner table or
-- in the import journal's copies of it: what an erasure must remove from a copy.
-- params: $external_ids (VARCHAR[])
with wanted as (select unnest($external_ids::varchar[]) as external_id)
select learner_id from learner where external_id in (select external_id from wanted)
union
select learner_id from undo_learner where external_id in (select external_id from wanted)
