-- A register saved or its typing discarded: that person's draft of it goes.
-- params: $user_id (INTEGER), $session_id (INTEGER), $week_id (VARCHAR)
delete from attendance_draft
where user_id = $user_id
  and session_id = $session_id
  and week_id = $week_id
