-- A planned follow-up is done: the planned rows of that level for that initiative.
-- params: $initiative_id (INTEGER), $level (INTEGER), $done_on (DATE), $score (DECIMAL),
-- $note (VARCHAR), $recorded_by (VARCHAR)
update prof_evaluation
set done_on = $done_on, score = $score, note = $note, recorded_by = $recorded_by
where initiative_id = $initiative_id and level = $level and done_on is null
