-- The work-coaching trajectories the viewer is a party of (teacher, adviser or commissioning
-- manager), newest first, with the parties' names and how far each has come. Nobody else sees
-- them, whatever their role.
-- params: $scope_user_id
with mine as (
    select trajectory_id
    from visible_trajectories($scope_user_id::integer)
),

goals as (
    select trajectory_id, count(*) as goals
    from wb_goal
    group by all
),

visits as (
    select
        trajectory_id,
        count(*) filter (where kind = 'coaching') as coaching_visits,
        count(*) filter (where kind = 'coaching' and held) as held_visits
    from wb_visit
    group by all
)

select
    t.trajectory_id,
    t.teacher_user_id,
    t.adviser_user_id,
    t.manager_user_id,
    tu.display_name as teacher,
    au.display_name as adviser,
    mu.display_name as manager,
    t.starts_on,
    t.ends_on,
    t.status,
    t.reason,
    t.goals_fixed_at,
    t.goals_fixed_by,
    t.closed_at,
    coalesce(g.goals, 0) as goals,
    coalesce(v.coaching_visits, 0) as coaching_visits,
    coalesce(v.held_visits, 0) as held_visits
from wb_trajectory as t
join mine using (trajectory_id)
left join app_user as tu on tu.user_id = t.teacher_user_id
left join app_user as au on au.user_id = t.adviser_user_id
left join app_user as mu on mu.user_id = t.manager_user_id
left join goals as g using (trajectory_id)
left join visits as v using (trajectory_id)
order by t.starts_on desc, t.trajectory_id desc
