-- Staff per subject team: people, teaching hours, full-time equivalents and starters, the basis
-- of a budget key pro rata of assignment size.
-- params: $school_year_start (DATE, 1 September of the current school year)
select
    coalesce(subject_team, '–')                      as subject_team,
    count(*)                                         as staff,
    sum(assignment_hours)                            as assignment_hours,
    sum(assignment_hours / full_time_hours)          as fte,
    count(*) filter (where started_on >= $school_year_start) as starters
from staff
where left_on is null
group by all
order by fte desc, subject_team
