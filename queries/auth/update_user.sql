-- Change a user's name, linked staff member and whether the account may sign in.
-- params: $user_id (INTEGER), $display_name (VARCHAR), $staff_id (INTEGER or NULL),
--         $is_active (BOOLEAN)
update app_user
set display_name = $display_name,
    staff_id = $staff_id,
    is_active = $is_active
where user_id = $user_id
