-- A new user account; returns its id.
-- params: $email (VARCHAR, lower case), $display_name, $password_hash (or NULL), $staff_id,
--         $is_demo (BOOLEAN)
insert into app_user (email, display_name, password_hash, staff_id, is_demo)
values ($email, $display_name, $password_hash, $staff_id, $is_demo)
returning user_id
