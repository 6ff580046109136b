-- Learner rows still waiting for step two of an erasure (after an interruption).
select learner_id
from erasure_pending
order by learner_id
