-- The plan's priorities of a school year: this year and three to five years.
-- params: $school_year (VARCHAR)
select
    priority_id,
    horizon,
    until_year,
    title,
    goal,
    form,
    collective,
    coalesce(competence_ids, [])::integer[] as competence_ids,
    seq
from prof_priority
where school_year_id = $school_year
order by horizon desc, seq, priority_id
