-- The pot a request of a staff member is charged to on approval: the first of their own pot,
-- their subject team's, their grades', their teams', their roles' and the school-wide pot that
-- still holds the cost; when none does, the first that exists (the overview then warns).
-- params: $school_year (VARCHAR), $staff_id (INTEGER), $cost (DECIMAL)
with person as (
    select staff_id, subject_team from staff where staff_id = $staff_id
),

committed as (
    select pot_id, sum(fee + travel + substitute) as committed
    from prof_request
    where state = 'approved' and pot_id is not null
    group by all
),

spent as (
    select pot_id, sum(amount) as spent from prof_spending where pot_id is not null group by all
),

candidates as (
    select
        p.pot_id,
        p.allocated - coalesce(c.committed, 0) - coalesce(s.spent, 0) as left_over,
        case p.target_kind when 'individual' then 0 when 'subject_team' then 1
            when 'grade' then 2 when 'team' then 3 when 'role' then 4 else 5 end as preference
    from prof_pot as p
    cross join person as me
    left join committed as c using (pot_id)
    left join spent as s using (pot_id)
    where p.school_year_id = $school_year
        and (
            (p.target_kind = 'individual' and p.target = me.staff_id::varchar)
            or (p.target_kind = 'subject_team' and p.target = me.subject_team)
            or (p.target_kind = 'grade' and p.target in (
                select grade::varchar from prof_staff_grade where staff_id = me.staff_id))
            or (p.target_kind = 'team' and p.target in (
                select team from prof_team_member where staff_id = me.staff_id))
            or (p.target_kind = 'role' and p.target in (
                select role from staff_role where staff_id = me.staff_id))
            or p.target_kind = 'school'
        )
)

select pot_id
from candidates
order by left_over >= $cost desc, preference, pot_id
limit 1
