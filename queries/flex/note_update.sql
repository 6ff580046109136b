-- Change the feedback note of a learner for a session and week; returns its id (none: there
-- was no note yet, and note_insert adds one).
-- params: $learner_id (INTEGER), $session_id (INTEGER), $week_id (VARCHAR), $author (VARCHAR),
--         $feed_up (VARCHAR), $feedback (VARCHAR), $feed_forward (VARCHAR)
update feedback_note
-- The author changes only with the note's text: saved again as it was, it stays theirs.
set author = case
        when feed_up is distinct from $feed_up
            or feedback is distinct from $feedback
            or feed_forward is distinct from $feed_forward then $author
        else author
    end,
    feed_up = $feed_up,
    feedback = $feedback,
    feed_forward = $feed_forward
where learner_id = $learner_id
    and session_id = $session_id
    and week_id = $week_id
returning note_id
