-- Learners by stamboeknummer (or the school's own learner number): the exact spelling first,
-- then the same number with or without leading zeros (Excel drops them: '1' is '0000001').
-- More than one row: two learners differ only in leading zeros, and the caller must not guess.
-- params: $external_id (VARCHAR)
select
    learner_id,
    external_id,
    left_on
from learner
where external_id = $external_id
    or (regexp_full_match(external_id, '[0-9]+')
        and regexp_full_match($external_id, '[0-9]+')
        and ltrim(external_id, '0') = ltrim($external_id, '0'))
order by external_id = $external_id desc, external_id
