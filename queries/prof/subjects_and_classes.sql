-- Subjects and classes of a school year, for the classes a request's learning is for.
-- params: $school_year (VARCHAR)
select 'class' as kind, class_id::varchar as id, code as label from class
where school_year_id = $school_year
union all
select 'subject' as kind, subject_id as id, name_nl as label from subject
order by kind, label
