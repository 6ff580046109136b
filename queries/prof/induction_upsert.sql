-- Start or change the induction of a starter.
-- params: $school_year (VARCHAR), $starter_staff_id (INTEGER), $mentor_staff_id (INTEGER),
-- $agreement (VARCHAR), $agreed_on (DATE)
insert into prof_induction (induction_id, school_year_id, starter_staff_id, mentor_staff_id,
                            agreement, agreed_on)
values (nextval('prof_induction_id_seq'), $school_year, $starter_staff_id, $mentor_staff_id,
        $agreement, $agreed_on)
on conflict (school_year_id, starter_staff_id) do update set
    mentor_staff_id = excluded.mentor_staff_id,
    agreement = excluded.agreement,
    agreed_on = excluded.agreed_on
