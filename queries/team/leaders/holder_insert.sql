-- One staff member holding a teacher-leader role, with the hours released for it per week.
-- params: $role_id (INTEGER), $staff_id, $released_hours (DECIMAL)
insert into tl_holder (role_id, staff_id, released_hours)
values ($role_id, $staff_id, $released_hours)
