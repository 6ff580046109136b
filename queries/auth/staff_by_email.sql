-- The staff member with an e-mail address, to link a new account to it.
-- params: $email (VARCHAR, lower case)
select staff_id
from staff
where lower(email) = $email
limit 1
