-- Requests of a school year: the director sees everyone's, a staff member only their own (or
-- the ones they made). With the cost, the state and its version for safe editing.
-- params: $school_year (VARCHAR), $scope_staff_data (BOOLEAN), $scope_user_id (INTEGER)
with me as (
    select staff_id from app_user where user_id = $scope_user_id
),

visible as (
    select * from prof_request
    where school_year_id = $school_year
        and ($scope_staff_data
             or staff_id in (select staff_id from me)
             or created_by = $scope_user_id)
),

submitted as (
    select request_id, max(stepped_at) as submitted_at
    from prof_request_step
    where to_state = 'submitted'
    group by all
)

select
    r.request_id,
    r.staff_id,
    s.last_name || ', ' || s.first_name          as name,
    coalesce(s.subject_team, '')                 as subject_team,
    r.initiative_id,
    i.title                                      as initiative,
    r.title,
    r.goal,
    r.partner,
    r.form,
    r.competence_id,
    c.code                                       as competence,
    r.subject_id,
    coalesce(r.class_ids, [])::integer[]         as class_ids,
    r.starts_on,
    r.ends_on,
    r.fee,
    r.travel,
    r.substitute,
    (r.fee + r.travel + r.substitute)::decimal(12, 2) as cost,
    r.hours,
    r.sharing_plan,
    r.shared_on,
    r.shared_note,
    r.pot_id,
    r.state,
    r.version,
    u.submitted_at,
    r.created_at,
    r.updated_at
from visible as r
join staff as s using (staff_id)
left join prof_initiative as i using (initiative_id)
left join prof_competence as c on c.competence_id = r.competence_id
left join submitted as u using (request_id)
order by r.updated_at desc, r.request_id desc
