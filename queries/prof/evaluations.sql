-- Every evaluation of the initiatives of a school year, done and planned.
-- params: $school_year (VARCHAR)
select
    e.evaluation_id,
    e.initiative_id,
    i.title,
    e.level,
    e.planned_on,
    e.done_on,
    e.score,
    e.before_value,
    e.after_value,
    e.learners,
    e.note
from prof_evaluation as e
join prof_initiative as i using (initiative_id)
where i.school_year_id = $school_year
order by i.title, e.level, e.done_on nulls last
