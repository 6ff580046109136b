-- The school year an initiative belongs to.
-- params: $initiative_id (INTEGER)
select school_year_id from prof_initiative where initiative_id = $initiative_id
