-- Internal expertise: who can share what, self-declared or from an initiative they completed,
-- and whether the sharing they promised happened. Names: the director, or one's own rows.
-- params: $scope_staff_data (BOOLEAN), $scope_user_id (INTEGER)
with declared as (
    select staff_id, competence_id, 'declared' as origin, note as what,
           null::date as shared_on, false as promised
    from prof_expertise
),

completed as (
    select staff_id, competence_id, 'completed' as origin, title as what, shared_on,
           sharing_plan is not null and trim(sharing_plan) <> '' as promised
    from prof_request
    where state in ('done', 'evaluated') and competence_id is not null
),

found as (
    select * from declared
    union all
    select * from completed
)

select
    f.staff_id,
    s.last_name || ', ' || s.first_name as name,
    coalesce(s.subject_team, '')        as subject_team,
    f.competence_id,
    c.code,
    f.origin,
    f.what,
    f.promised,
    f.shared_on
from found as f
join staff as s using (staff_id)
join prof_competence as c using (competence_id)
where s.left_on is null
    and ($scope_staff_data
         or f.staff_id in (select staff_id from app_user where user_id = $scope_user_id))
order by c.code, name
