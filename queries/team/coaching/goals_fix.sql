-- Fix the goal list of a trajectory after the diagnostic visit, with who confirmed it.
-- params: $trajectory_id (INTEGER), $fixed_at (TIMESTAMP), $fixed_by (VARCHAR)
update wb_trajectory
set goals_fixed_at = $fixed_at,
    goals_fixed_by = $fixed_by
where trajectory_id = $trajectory_id
