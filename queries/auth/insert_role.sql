-- Give a user one role.
-- params: $user_id (INTEGER), $role (VARCHAR)
insert into user_role (user_id, role)
values ($user_id, $role)
