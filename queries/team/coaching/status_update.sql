-- Move a trajectory to a new status; closing, stopping and escalating record when.
-- params: $trajectory_id (INTEGER), $new_status (VARCHAR), $closed_at (TIMESTAMP)
update wb_trajectory
set status = $new_status,
    closed_at = $closed_at
where trajectory_id = $trajectory_id
