-- Before a key is applied again: every pot of the year to zero (they keep their ids).
-- params: $school_year (VARCHAR)
update prof_pot set allocated = 0 where school_year_id = $school_year
