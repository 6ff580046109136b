-- The teacher-leader roles of the school, with their number of holders, the estimated hours of
-- their responsibilities (per holder, per week) and the hours released for them in total.
-- params: none
with tasks as (
    select
        role_id,
        count(*) as tasks,
        sum(estimated_hours) as estimated_hours
    from tl_task
    group by all
),

holders as (
    select
        role_id,
        count(*) as holders,
        sum(released_hours) as released_hours
    from tl_holder
    group by all
)

select
    r.role_id,
    r.code,
    r.name_nl,
    r.name_en,
    r.ask_for,
    coalesce(t.tasks, 0) as tasks,
    coalesce(t.estimated_hours, 0)::double as estimated_hours,
    coalesce(h.holders, 0) as holders,
    coalesce(h.released_hours, 0)::double as released_hours
from tl_role as r
left join tasks as t using (role_id)
left join holders as h using (role_id)
order by r.name_nl
