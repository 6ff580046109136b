-- A browser session by the keyed hash of its id, while it has not expired.
-- params: $session_hash (VARCHAR), $now (TIMESTAMP)
select
    session_hash,
    user_id,
    roles_key,
    created_at,
    expires_at,
    resumed_at
from web_session
where session_hash = $session_hash
  and expires_at > $now
