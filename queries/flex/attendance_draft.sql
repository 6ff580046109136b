-- What one person typed in a register and has not saved: their own draft only.
-- params: $user_id (INTEGER), $session_id (INTEGER), $week_id (VARCHAR)
select
    learner_id,
    status,
    feed_up,
    feedback,
    feed_forward,
    typed_at
from attendance_draft
where user_id = $user_id
  and session_id = $session_id
  and week_id = $week_id
order by learner_id
