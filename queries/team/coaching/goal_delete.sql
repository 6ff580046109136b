-- Remove one goal from a trajectory whose goals are not fixed yet.
-- params: $goal_id (INTEGER)
delete from wb_goal
where goal_id = $goal_id
