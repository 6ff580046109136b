-- Signing out: the browser session ends; its cookie no longer signs anyone in.
-- params: $session_hash (VARCHAR)
delete from web_session
where session_hash = $session_hash
