-- Per pot of a school year: allocated, committed (approved requests not yet done), spent, left.
-- Individual pots carry the staff member's name and subject team (the director's view).
-- params: $school_year (VARCHAR)
with pots as (
    select * from prof_pot where school_year_id = $school_year
),

committed as (
    select pot_id, sum(fee + travel + substitute) as committed
    from prof_request
    where school_year_id = $school_year and state = 'approved' and pot_id is not null
    group by all
),

spent as (
    select pot_id, sum(amount) as spent
    from prof_spending
    where school_year_id = $school_year and pot_id is not null
    group by all
)

select
    p.pot_id,
    p.target_kind,
    p.target,
    s.last_name || ', ' || s.first_name                          as staff_name,
    s.subject_team                                               as staff_team,
    p.allocated,
    coalesce(c.committed, 0)::decimal(12, 2)                     as committed,
    coalesce(x.spent, 0)::decimal(12, 2)                         as spent,
    (p.allocated - coalesce(c.committed, 0) - coalesce(x.spent, 0))::decimal(12, 2) as left_over
from pots as p
left join committed as c using (pot_id)
left join spent as x using (pot_id)
left join staff as s
    on p.target_kind = 'individual' and s.staff_id = try_cast(p.target as integer)
order by
    case p.target_kind when 'school' then 0 when 'subject_team' then 1 when 'grade' then 2
        when 'team' then 3 when 'role' then 4 else 5 end,
    p.target_kind, staff_name, p.target
