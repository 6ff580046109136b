-- Store a new password hash (argon2id; never the password itself).
-- params: $user_id (INTEGER), $password_hash (VARCHAR)
update app_user
set password_hash = $password_hash
where user_id = $user_id
