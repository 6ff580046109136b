-- Every period of a school year, with or without results yet, in order.
-- params: $school_year (VARCHAR)
select
    period_id,
    seq,
    name,
    starts_on,
    ends_on
from period
where school_year_id = $school_year
order by seq
