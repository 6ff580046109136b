-- Clear a year's key before the editor writes it again (in one transaction).
-- params: $school_year (VARCHAR)
delete from prof_key_line where school_year_id = $school_year
