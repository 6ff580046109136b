-- Record an evaluation of an initiative at one Guskey level (done, or planned as a follow-up).
-- params: $initiative_id (INTEGER), $level (INTEGER), $planned_on (DATE), $done_on (DATE),
-- $score (DECIMAL), $before_value (DECIMAL), $after_value (DECIMAL), $learners (INTEGER),
-- $note (VARCHAR), $recorded_by (VARCHAR)
insert into prof_evaluation (initiative_id, level, planned_on, done_on, score, before_value,
                             after_value, learners, note, recorded_by)
values ($initiative_id, $level, $planned_on, $done_on, $score, $before_value, $after_value,
        $learners, $note, $recorded_by)
