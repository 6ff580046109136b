-- Plan a visit of a trajectory: the diagnostic visit (seq 0) or a coaching visit (1 to 5).
-- params: $trajectory_id (INTEGER), $visit_kind (VARCHAR), $seq (SMALLINT),
--         $planned_on (DATE), $announced (BOOLEAN)
insert into wb_visit (trajectory_id, kind, seq, planned_on, announced)
values ($trajectory_id, $visit_kind, $seq, $planned_on, $announced)
