-- The degree to which one goal was reached, for the final report.
-- params: $goal_id (INTEGER), $reached (VARCHAR)
update wb_goal
set reached = $reached
where goal_id = $goal_id
