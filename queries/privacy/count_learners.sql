-- How many of these learners exist, to refuse an erasure of unknown ids.
-- params: $learner_ids (INTEGER[])
select count(*) as learners
from learner
where learner_id in (select unnest($learner_ids::integer[]))
