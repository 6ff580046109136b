-- Remove every class from a user's scope (before giving the new set).
-- params: $user_id (INTEGER)
delete from user_class
where user_id = $user_id
