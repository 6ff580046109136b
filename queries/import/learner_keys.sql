-- Every learner's stamboeknummer with its id: imports match rows to learners by it.
select
    external_id,
    learner_id
from learner
