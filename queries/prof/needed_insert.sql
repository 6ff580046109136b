-- One needed level.
-- params: $competence_id (INTEGER), $target_kind (VARCHAR), $target (VARCHAR), $level (INTEGER)
insert into prof_needed_level (competence_id, target_kind, target, level)
values ($competence_id, $target_kind, $target, $level)
