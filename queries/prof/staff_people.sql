-- Active staff with what the key and the needed levels look at: subject team, FTE, roles,
-- grades taught and other teams. Names only for the viewer who may see staff data (directie).
-- params: $scope_staff_data (BOOLEAN), $scope_user_id (INTEGER)
with me as (
    select staff_id from app_user where user_id = $scope_user_id
),

people as (
    select * from staff
    where left_on is null
        and ($scope_staff_data or staff_id in (select staff_id from me))
)

select
    p.staff_id,
    p.last_name || ', ' || p.first_name                               as name,
    coalesce(p.subject_team, '')                                       as subject_team,
    p.assignment_hours,
    p.full_time_hours,
    p.assignment_hours / p.full_time_hours                             as fte,
    p.started_on,
    coalesce((select list(r.role order by r.role) from staff_role as r
              where r.staff_id = p.staff_id), [])                      as roles,
    coalesce((select list(g.grade order by g.grade) from prof_staff_grade as g
              where g.staff_id = p.staff_id), [])                      as grades,
    coalesce((select list(m.team order by m.team) from prof_team_member as m
              where m.staff_id = p.staff_id), [])                      as teams
from people as p
order by p.last_name, p.first_name, p.staff_id
