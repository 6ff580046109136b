-- Add an initiative (no id yet) or change one.
-- params: $initiative_id (INTEGER, null for new), $school_year (VARCHAR), $priority_id (INTEGER),
-- $title (VARCHAR), $form (VARCHAR), $collective (VARCHAR), $partner (VARCHAR),
-- $competence_id (INTEGER), $starts_on (DATE), $ends_on (DATE), $hours (DECIMAL),
-- $estimated_cost (DECIMAL)
insert into prof_initiative (initiative_id, school_year_id, priority_id, title, form, collective,
                             partner, competence_id, starts_on, ends_on, hours, estimated_cost)
values (coalesce($initiative_id, nextval('prof_initiative_id_seq')), $school_year, $priority_id,
        $title, $form, $collective, $partner, $competence_id, $starts_on, $ends_on, $hours,
        $estimated_cost)
on conflict (initiative_id) do update set
    priority_id = excluded.priority_id,
    title = excluded.title,
    form = excluded.form,
    collective = excluded.collective,
    partner = excluded.partner,
    competence_id = excluded.competence_id,
    starts_on = excluded.starts_on,
    ends_on = excluded.ends_on,
    hours = excluded.hours,
    estimated_cost = excluded.estimated_cost
