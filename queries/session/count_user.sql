-- How many browser sessions of a user are open (tests, the users page).
-- params: $user_id (INTEGER), $now (TIMESTAMP)
select count(*)
from web_session
where user_id = $user_id
  and expires_at > $now
