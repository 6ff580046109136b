-- The induction of one starter in a school year.
-- params: $school_year (VARCHAR), $starter_staff_id (INTEGER)
select induction_id from prof_induction
where school_year_id = $school_year and starter_staff_id = $starter_staff_id
