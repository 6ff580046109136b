-- Every rating in one trajectory the viewer is a party of: per coaching visit and goal the
-- teacher's self-assessment and the adviser's rating (1 to 4), with their notes.
-- params: $trajectory_id (INTEGER), $scope_user_id
select
    r.visit_id,
    v.seq,
    r.goal_id,
    g.seq as goal_seq,
    r.by_whom,
    r.score,
    r.note
from wb_rating as r
join wb_visit as v using (visit_id)
join wb_goal as g using (goal_id)
join visible_trajectories($scope_user_id::integer) as m on m.trajectory_id = v.trajectory_id
where v.trajectory_id = $trajectory_id
order by v.seq, g.seq, r.by_whom
