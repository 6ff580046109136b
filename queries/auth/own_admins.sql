-- Active administrator accounts that are not demo accounts: who can still manage the school
-- once demo mode is left.
select count(*) as admins
from app_user as u
where u.is_active
    and not u.is_demo
    and exists (select 1 from user_role as r where r.user_id = u.user_id and r.role = 'admin')
