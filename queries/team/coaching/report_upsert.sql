-- Write the final report of a trajectory (replacing the draft).
-- params: $trajectory_id (INTEGER), $results (VARCHAR), $course (VARCHAR),
--         $attention (VARCHAR), $further (VARCHAR), $follow_up (VARCHAR), $updated_at (TIMESTAMP)
insert or replace into wb_report (trajectory_id, results, course, attention, further,
    follow_up, updated_at)
values ($trajectory_id, $results, $course, $attention, $further, $follow_up, $updated_at)
