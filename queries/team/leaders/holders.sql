-- Who holds one teacher-leader role, with the hours released for it per week.
-- params: $role_id (INTEGER)
select
    h.staff_id,
    s.last_name || ', ' || s.first_name as name,
    h.released_hours::double as released_hours
from tl_holder as h
join staff as s using (staff_id)
where h.role_id = $role_id
order by s.last_name, s.first_name
