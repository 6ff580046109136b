-- The demo accounts with their roles, shown on the sign-in page of a demo school only: those
-- with the published password (a demo account without one signs in only through the school).
select
    u.user_id,
    u.email,
    u.display_name,
    coalesce((select list(r.role order by r.role) from user_role as r
              where r.user_id = u.user_id), []) as roles
from app_user as u
where u.is_demo
    and u.is_active
    and u.password_hash is not null
order by u.user_id
