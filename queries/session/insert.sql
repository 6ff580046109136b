-- A new signed-in browser session; the cookie holds the id, this row only its keyed hash.
-- params: $session_hash (VARCHAR), $user_id (INTEGER), $roles_key (VARCHAR),
--         $created_at (TIMESTAMP), $expires_at (TIMESTAMP)
insert into web_session (session_hash, user_id, roles_key, created_at, expires_at)
values ($session_hash, $user_id, $roles_key, $created_at, $expires_at)
