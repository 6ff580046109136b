-- Remove every holder of one role (they are written anew when the role is saved).
-- params: $role_id (INTEGER)
delete from tl_holder
where role_id = $role_id
