-- The budget sources of a school year: government means, the school board, other.
-- params: $school_year (VARCHAR)
select source_id, kind, label, amount
from prof_budget_source
where school_year_id = $school_year
order by kind, label
