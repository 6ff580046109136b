-- Every holder of every teacher-leader role, with the hours released for it per week: who does
-- what, for the transparency page every member of staff may read.
-- params: none
select
    h.role_id,
    h.staff_id,
    s.first_name || ' ' || s.last_name as name,
    s.email,
    h.released_hours::double as released_hours
from tl_holder as h
join staff as s using (staff_id)
order by h.role_id, s.last_name, s.first_name
