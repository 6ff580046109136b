-- One learner's row of a register as typed, not saved yet (the latest typing counts).
-- params: $user_id (INTEGER), $session_id (INTEGER), $week_id (VARCHAR), $learner_id (INTEGER),
--         $status (VARCHAR), $feed_up (VARCHAR), $feedback (VARCHAR), $feed_forward (VARCHAR),
--         $typed_at (TIMESTAMP)
insert into attendance_draft (user_id, session_id, week_id, learner_id, status, feed_up,
                              feedback, feed_forward, typed_at)
values ($user_id, $session_id, $week_id, $learner_id, $status, $feed_up, $feedback,
        $feed_forward, $typed_at)
on conflict (user_id, session_id, week_id, learner_id) do update
set status = excluded.status,
    feed_up = excluded.feed_up,
    feedback = excluded.feedback,
    feed_forward = excluded.feed_forward,
    typed_at = excluded.typed_at
