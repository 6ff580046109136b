-- A staff member declares what they can teach colleagues.
-- params: $staff_id (INTEGER), $competence_id (INTEGER), $note (VARCHAR), $today (DATE)
insert into prof_expertise (staff_id, competence_id, note, declared_on)
values ($staff_id, $competence_id, $note, $today)
on conflict (staff_id, competence_id) do update set
    note = excluded.note,
    declared_on = excluded.declared_on
