-- Active staff members with no professional development in the last two years: no approved or
-- completed request and no initiative attended that started in that time. The director only.
-- params: $today (DATE), $scope_staff_data (BOOLEAN)
with recent as (
    select staff_id from prof_request
    where state in ('approved', 'done', 'evaluated') and starts_on >= $today - interval 2 year
    union
    select p.staff_id from prof_participant as p
    join prof_initiative as i using (initiative_id)
    where coalesce(i.starts_on, i.ends_on) >= $today - interval 2 year
)

select
    s.staff_id,
    s.last_name || ', ' || s.first_name  as name,
    coalesce(s.subject_team, '')         as subject_team,
    s.started_on
from staff as s
where s.left_on is null and $scope_staff_data
    and s.staff_id not in (select staff_id from recent)
order by name
