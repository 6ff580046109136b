-- A feedback note for a learner in a session and week: feed up, feedback, feed forward.
-- params: $learner_id (INTEGER), $session_id (INTEGER), $week_id (VARCHAR), $author (VARCHAR),
--         $feed_up (VARCHAR), $feedback (VARCHAR), $feed_forward (VARCHAR)
insert into feedback_note (learner_id, session_id, week_id, author, feed_up, feedback,
                           feed_forward)
values ($learner_id, $session_id, $week_id, $author, $feed_up, $feedback, $feed_forward)
