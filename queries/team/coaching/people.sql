-- Active accounts with their roles, to choose the parties of a trajectory: the teacher, the
-- adviser (role 'adviser') and the commissioning manager (role 'director').
-- params: none
select
    u.user_id,
    u.display_name,
    list(r.role order by r.role) as roles
from app_user as u
join user_role as r using (user_id)
where u.is_active
group by all
order by u.display_name
