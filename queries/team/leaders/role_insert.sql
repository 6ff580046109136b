-- A new teacher-leader role; returns its id.
-- params: $code (VARCHAR), $name_nl (VARCHAR), $name_en (VARCHAR), $ask_for (VARCHAR)
insert into tl_role (code, name_nl, name_en, ask_for)
values ($code, $name_nl, $name_en, $ask_for)
returning role_id
