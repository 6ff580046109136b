-- This school year's class ids for class codes such as '1A', for scoping a class-council member.
-- params: $school_year (VARCHAR), $codes (VARCHAR[])
select
    class_id,
    code
from class
where school_year_id = $school_year
    and list_contains($codes::varchar[], code)
order by code
