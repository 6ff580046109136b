-- Erasures not yet finished everywhere: who, by stamboeknummer, and since when.
-- params: none
select
    learner_id,
    external_id,
    erased_at
from privacy_pending
order by erased_at, external_id
