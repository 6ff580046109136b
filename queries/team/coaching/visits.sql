-- The visits of one trajectory the viewer is a party of: the diagnostic visit, then the
-- coaching visits in order, with their feedback talk and whether the teacher's
-- self-assessment and the adviser's ratings are in.
-- params: $trajectory_id (INTEGER), $scope_user_id
with counts as (
    select
        visit_id,
        count(*) filter (where by_whom = 'self') as self_scores,
        count(*) filter (where by_whom = 'adviser') as adviser_scores
    from wb_rating
    group by all
)

select
    v.visit_id,
    v.kind,
    v.seq,
    v.planned_on,
    v.announced,
    v.held,
    v.talk_on,
    v.reflection,
    v.advice,
    coalesce(c.self_scores, 0) as self_scores,
    coalesce(c.adviser_scores, 0) as adviser_scores
from wb_visit as v
join visible_trajectories($scope_user_id::integer) using (trajectory_id)
left join counts as c using (visit_id)
where v.trajectory_id = $trajectory_id
order by v.seq
