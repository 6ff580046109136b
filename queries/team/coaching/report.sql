-- The final report of one trajectory the viewer is a party of (no row until one is made).
-- params: $trajectory_id (INTEGER), $scope_user_id
select
    r.results,
    r.course,
    r.attention,
    r.further,
    r.follow_up,
    r.updated_at
from wb_report as r
join visible_trajectories($scope_user_id::integer) using (trajectory_id)
where r.trajectory_id = $trajectory_id
