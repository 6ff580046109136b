-- The load of every staff member holding a teacher-leader role, per week: the assignment
-- (lesopdracht), the hours released from it for their roles, the teaching hours left (the
-- assignment less the released hours) and the estimated hours of the responsibilities of
-- their roles. The director's view: staff data.
-- params: none
with estimates as (
    select
        role_id,
        sum(estimated_hours) as estimated_hours
    from tl_task
    group by all
),

per_person as (
    select
        h.staff_id,
        list(r.name_nl order by r.name_nl) as roles_nl,
        list(r.name_en order by r.name_nl) as roles_en,
        sum(h.released_hours) as released_hours,
        sum(coalesce(e.estimated_hours, 0)) as estimated_hours
    from tl_holder as h
    join tl_role as r using (role_id)
    left join estimates as e using (role_id)
    group by all
)

select
    p.staff_id,
    s.last_name || ', ' || s.first_name as name,
    p.roles_nl,
    p.roles_en,
    s.assignment_hours::double as assignment_hours,
    greatest(s.assignment_hours - p.released_hours, 0)::double as teaching_hours,
    s.full_time_hours::double as full_time_hours,
    p.released_hours::double as released_hours,
    p.estimated_hours::double as estimated_hours
from per_person as p
join staff as s using (staff_id)
order by s.last_name, s.first_name
