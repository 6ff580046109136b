-- Staff members whose role in the staff list (staff import) is a teacher-leader role of the
-- register, with their assignment: who could hold which role.
-- params: none
select
    r.role_id,
    sr.staff_id,
    s.assignment_hours::double as assignment_hours
from staff_role as sr
join tl_role as r on r.code = sr.role
join staff as s using (staff_id)
where s.left_on is null
order by r.role_id, sr.staff_id
