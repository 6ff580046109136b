-- A learner by stamboeknummer (or the school's own learner number).
-- params: $external_id (VARCHAR)
select
    learner_id,
    external_id,
    left_on
from learner
where external_id = $external_id
