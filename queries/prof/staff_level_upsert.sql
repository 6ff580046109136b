-- A staff member's level on one competence from one source (the latest replaces the earlier).
-- params: $staff_id (INTEGER), $competence_id (INTEGER), $source (VARCHAR), $level (INTEGER),
-- $assessed_on (DATE), $note (VARCHAR), $recorded_by (VARCHAR)
insert into prof_staff_level (staff_id, competence_id, source, level, assessed_on, note,
                              recorded_by)
values ($staff_id, $competence_id, $source, $level, $assessed_on, $note, $recorded_by)
on conflict (staff_id, competence_id, source) do update set
    level = excluded.level,
    assessed_on = excluded.assessed_on,
    note = excluded.note,
    recorded_by = excluded.recorded_by,
    recorded_at = excluded.recorded_at
