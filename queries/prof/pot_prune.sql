-- After a key is applied: pots left at zero that nothing is charged to go.
-- params: $school_year (VARCHAR)
delete from prof_pot
where school_year_id = $school_year and allocated = 0
    and pot_id not in (select pot_id from prof_request where pot_id is not null)
    and pot_id not in (select pot_id from prof_spending where pot_id is not null)
