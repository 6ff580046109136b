-- The classes of a school year by code, for imports.
-- params: $school_year (VARCHAR)
select
    class_id,
    code
from class
where school_year_id = $school_year
