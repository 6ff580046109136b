-- The allocation key of a school year, line by line.
-- params: $school_year (VARCHAR)
select seq, target_kind, target, percent
from prof_key_line
where school_year_id = $school_year
order by seq
