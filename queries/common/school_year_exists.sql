-- Whether a school year (with its calendar) is in the database.
-- params: $school_year (VARCHAR)
select count(*) > 0 as present
from school_year
where school_year_id = $school_year
