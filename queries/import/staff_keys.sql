-- Every staff member's number, e-mail and name with their id: imports match rows by them.
select
    staff_id,
    external_id,
    lower(email) as email,
    first_name,
    last_name
from staff
