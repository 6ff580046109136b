-- Every browser session of a user ends (account disabled, roles, classes or password changed).
-- params: $user_id (INTEGER)
delete from web_session
where user_id = $user_id
