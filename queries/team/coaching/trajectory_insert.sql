-- A new work-coaching trajectory, at intake; returns its id.
-- params: $teacher_user_id (INTEGER), $adviser_user_id (INTEGER), $manager_user_id (INTEGER),
--         $starts_on (DATE), $ends_on (DATE), $reason (VARCHAR)
insert into wb_trajectory (teacher_user_id, adviser_user_id, manager_user_id, starts_on,
    ends_on, reason)
values ($teacher_user_id, $adviser_user_id, $manager_user_id, $starts_on, $ends_on, $reason)
returning trajectory_id
