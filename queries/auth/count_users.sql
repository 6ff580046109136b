-- How many active accounts exist (none yet: the sign-in page explains how to make the first).
select count(*) as users
from app_user
where is_active
