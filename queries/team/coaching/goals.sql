-- The goals of one trajectory the viewer is a party of, in order.
-- params: $trajectory_id (INTEGER), $scope_user_id
select
    g.goal_id,
    g.seq,
    g.text,
    g.domain,
    g.origin,
    g.reached
from wb_goal as g
join visible_trajectories($scope_user_id::integer) using (trajectory_id)
where g.trajectory_id = $trajectory_id
order by g.seq
