-- Every user with roles, scoped classes and linked staff member, for Beheer › Gebruikers.
-- Class codes are those of the classes' own school year.
select
    u.user_id,
    u.email,
    u.display_name,
    u.is_active,
    u.is_demo,
    u.password_hash is not null              as has_password,
    u.last_login_at,
    s.first_name || ' ' || s.last_name       as staff_name,
    u.staff_id,
    coalesce((select list(r.role order by r.role) from user_role as r
              where r.user_id = u.user_id), [])          as roles,
    coalesce((select list(c.code order by c.code) from user_class as uc
              join class as c using (class_id) where uc.user_id = u.user_id), []) as classes,
    coalesce((select list(uc.class_id order by uc.class_id) from user_class as uc
              where uc.user_id = u.user_id), [])          as class_ids
from app_user as u
left join staff as s using (staff_id)
order by u.is_active desc, u.display_name
