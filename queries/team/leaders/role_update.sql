-- Rename a teacher-leader role and say whom to ask for what.
-- params: $role_id (INTEGER), $name_nl (VARCHAR), $name_en (VARCHAR), $ask_for (VARCHAR)
update tl_role
set name_nl = $name_nl,
    name_en = $name_en,
    ask_for = $ask_for
where role_id = $role_id
