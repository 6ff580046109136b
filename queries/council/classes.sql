-- Classes of a school year with their number of learners, for the class picker.
-- params: $school_year (VARCHAR)
select
    c.class_id,
    c.code,
    c.year_of_study,
    c.grade,
    count(e.learner_id) as learners
from class as c
left join enrolment as e using (class_id)
where c.school_year_id = $school_year
group by all
order by c.year_of_study, c.code
