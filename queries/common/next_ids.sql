-- Reserve n fresh ids from a sequence, for bulk inserts that must link rows before writing them.
-- params: $sequence (VARCHAR, e.g. 'learner_id_seq'), $n (INTEGER)
select nextval($sequence) as id
from range($n)
