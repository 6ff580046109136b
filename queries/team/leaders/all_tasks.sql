-- Every responsibility of every teacher-leader role, with its estimated hours per week.
-- params: none
select
    role_id,
    task_id,
    text,
    estimated_hours::double as estimated_hours
from tl_task
order by role_id, task_id
