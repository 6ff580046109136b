-- Mark an induction activity done (or not done).
-- params: $activity_id (INTEGER), $done_on (DATE)
update prof_induction_activity set done_on = $done_on where activity_id = $activity_id
