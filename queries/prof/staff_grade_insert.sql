-- A grade a staff member teaches in.
-- params: $staff_id (INTEGER), $grade (INTEGER)
insert into prof_staff_grade (staff_id, grade) values ($staff_id, $grade)
on conflict do nothing
