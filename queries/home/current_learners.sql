-- How many learners are enrolled this school year.
-- params: $school_year (VARCHAR)
select count(*) as learners
from enrolment
where school_year_id = $school_year
