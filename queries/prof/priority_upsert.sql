-- Add a priority (no id yet) or change one.
-- params: $priority_id (INTEGER, null for new), $school_year (VARCHAR), $horizon (VARCHAR),
-- $until_year (VARCHAR), $title (VARCHAR), $goal (VARCHAR), $form (VARCHAR),
-- $collective (VARCHAR), $competence_ids (INTEGER[]), $seq (INTEGER)
insert into prof_priority (priority_id, school_year_id, horizon, until_year, title, goal, form,
                           collective, competence_ids, seq)
values (coalesce($priority_id, nextval('prof_priority_id_seq')), $school_year, $horizon,
        $until_year, $title, $goal, $form, $collective, $competence_ids, $seq)
on conflict (priority_id) do update set
    horizon = excluded.horizon,
    until_year = excluded.until_year,
    title = excluded.title,
    goal = excluded.goal,
    form = excluded.form,
    collective = excluded.collective,
    competence_ids = excluded.competence_ids,
    seq = excluded.seq
