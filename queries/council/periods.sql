-- The periods of a school year that have results, in order: the period picker of the class
-- overview and the before and after of learning gains.
-- params: $school_year (VARCHAR)
select
    p.period_id,
    p.seq,
    p.name,
    p.starts_on,
    p.ends_on
from period as p
where p.school_year_id = $school_year
    and exists (select 1 from result as r where r.period_id = p.period_id)
order by p.seq
