-- The responsibilities of one teacher-leader role with their estimated hours per week.
-- params: $role_id (INTEGER)
select
    task_id,
    text,
    estimated_hours::double as estimated_hours
from tl_task
where role_id = $role_id
order by task_id
