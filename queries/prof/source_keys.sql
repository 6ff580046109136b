-- Budget sources of a school year by kind and label, so an import updates instead of adding.
-- params: $school_year (VARCHAR)
select source_id, kind, label from prof_budget_source where school_year_id = $school_year
