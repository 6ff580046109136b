-- The user with an e-mail address (stored in lower case), for signing in.
-- params: $email (VARCHAR, lower case)
select
    user_id,
    is_active,
    is_demo,
    password_hash
from app_user
where email = $email
