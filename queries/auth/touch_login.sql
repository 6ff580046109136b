-- Remember when a user last signed in.
-- params: $user_id (INTEGER)
update app_user
set last_login_at = current_timestamp
where user_id = $user_id
