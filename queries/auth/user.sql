-- One user with roles and classes, to build the viewer of a session.
-- params: $user_id (INTEGER)
select
    u.user_id,
    u.email,
    u.display_name,
    u.staff_id,
    u.is_active,
    u.is_demo,
    u.password_hash,
    coalesce(
        (select list(r.role order by r.role) from user_role as r where r.user_id = u.user_id),
        []
    ) as roles,
    coalesce(
        (select list(c.class_id order by c.class_id) from user_class as c
         where c.user_id = u.user_id),
        []
    ) as class_ids
from app_user as u
where u.user_id = $user_id
