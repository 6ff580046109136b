-- The staff member with a personnel number, to link an account to it.
-- params: $external_id (VARCHAR)
select staff_id
from staff
where external_id = $external_id
