-- Take every role from a user (before giving the new set).
-- params: $user_id (INTEGER)
delete from user_role
where user_id = $user_id
