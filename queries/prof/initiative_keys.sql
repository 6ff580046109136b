-- Initiatives of a school year by title, so an import updates instead of adding twice.
-- params: $school_year (VARCHAR)
select initiative_id, lower(trim(title)) as title_key
from prof_initiative
where school_year_id = $school_year
