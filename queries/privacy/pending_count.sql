-- How many erased learners a database still lists as pending (a copy made mid-erasure).
-- params: none
select count(*) as pending
from privacy_pending
