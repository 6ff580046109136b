-- Per staff member of a school year: their own pot, what their requests committed and spent,
-- the hours of their approved and completed requests. The director's view only.
-- params: $school_year (VARCHAR), $scope_staff_data (BOOLEAN)
with people as (
    select * from staff where left_on is null and $scope_staff_data
),

own as (
    select try_cast(target as integer) as staff_id, allocated
    from prof_pot
    where school_year_id = $school_year and target_kind = 'individual'
),

requested as (
    select
        staff_id,
        sum(fee + travel + substitute) filter (where state = 'approved')         as committed,
        sum(hours) filter (where state in ('approved', 'done', 'evaluated'))      as hours,
        count(*) filter (where state in ('approved', 'done', 'evaluated'))        as requests
    from prof_request
    where school_year_id = $school_year
    group by all
),

spent as (
    select r.staff_id, sum(s.amount) as spent
    from prof_spending as s
    join prof_request as r using (request_id)
    where s.school_year_id = $school_year
    group by all
)

select
    p.staff_id,
    p.last_name || ', ' || p.first_name                    as name,
    coalesce(p.subject_team, '')                           as subject_team,
    p.assignment_hours / p.full_time_hours                 as fte,
    coalesce(o.allocated, 0)::decimal(12, 2)               as allocated,
    coalesce(r.committed, 0)::decimal(12, 2)               as committed,
    coalesce(x.spent, 0)::decimal(12, 2)                   as spent,
    (coalesce(o.allocated, 0) - coalesce(r.committed, 0)
        - coalesce(x.spent, 0))::decimal(12, 2)            as left_over,
    coalesce(r.hours, 0)                                   as hours,
    coalesce(r.requests, 0)                                as requests
from people as p
left join own as o using (staff_id)
left join requested as r using (staff_id)
left join spent as x using (staff_id)
order by name
