-- Record one learner's attendance in a session for a week (again: the new status counts).
-- params: $week_id (VARCHAR), $session_id (INTEGER), $learner_id (INTEGER), $status (VARCHAR),
--         $recorded_by (VARCHAR), $recorded_at (TIMESTAMP)
insert into flex_attendance (week_id, session_id, learner_id, status, recorded_by, recorded_at)
values ($week_id, $session_id, $learner_id, $status, $recorded_by, $recorded_at)
on conflict (week_id, session_id, learner_id) do update
set status = excluded.status,
    recorded_by = excluded.recorded_by,
    recorded_at = excluded.recorded_at
-- Saved again as it was: who recorded it and when stay as they were (unless nobody knew yet).
where flex_attendance.status is distinct from excluded.status
    or flex_attendance.recorded_at is null
