-- A demo account's user id and staff link, to give the demo teacher requests of their own.
-- params: $email (VARCHAR)
select user_id, staff_id from app_user where email = $email
