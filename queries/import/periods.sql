-- The report periods of a school year, for imports of results.
-- params: $school_year (VARCHAR)
select
    period_id,
    seq,
    name
from period
where school_year_id = $school_year
order by seq
