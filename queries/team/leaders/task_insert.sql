-- One responsibility of a teacher-leader role, with its estimated hours per week.
-- params: $role_id (INTEGER), $text (VARCHAR), $estimated_hours (DECIMAL)
insert into tl_task (role_id, text, estimated_hours)
values ($role_id, $text, $estimated_hours)
