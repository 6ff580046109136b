-- Money spent on a request (its actual cost) or an initiative, charged to a pot.
-- params: $school_year (VARCHAR), $pot_id (INTEGER), $request_id (INTEGER),
-- $initiative_id (INTEGER), $spent_on (DATE), $amount (DECIMAL), $description (VARCHAR),
-- $recorded_by (VARCHAR)
insert into prof_spending (spending_id, school_year_id, pot_id, request_id, initiative_id,
                           spent_on, amount, description, recorded_by)
values (nextval('prof_spending_id_seq'), $school_year, $pot_id, $request_id, $initiative_id,
        $spent_on, $amount, $description, $recorded_by)
