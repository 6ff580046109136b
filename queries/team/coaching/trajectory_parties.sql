-- The three parties of a trajectory (user ids), to check who may act on it; nothing else.
-- params: $trajectory_id (INTEGER)
select
    teacher_user_id,
    adviser_user_id,
    manager_user_id
from wb_trajectory
where trajectory_id = $trajectory_id
