-- A sign-in from the cookie (a refresh, a second tab) was written to the audit log at this time.
-- params: $session_hash (VARCHAR), $now (TIMESTAMP)
update web_session
set resumed_at = $now
where session_hash = $session_hash
