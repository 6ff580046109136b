-- When the key of a school year was last applied, to which budget, by whom.
-- params: $school_year (VARCHAR)
select budget, applied_by, applied_at from prof_key_applied where school_year_id = $school_year
