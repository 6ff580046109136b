-- Erasure, step two: the waiting learner rows are gone.
delete from erasure_pending
