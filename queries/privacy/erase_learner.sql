-- Erasure, step two: delete the learner rows waiting in erasure_pending (their data went in
-- step one, committed before).
delete from learner
where learner_id in (select learner_id from erasure_pending)
