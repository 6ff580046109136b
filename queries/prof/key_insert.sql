-- One line of the allocation key.
-- params: $school_year (VARCHAR), $seq (INTEGER), $target_kind (VARCHAR), $target (VARCHAR),
-- $percent (DECIMAL)
insert into prof_key_line (line_id, school_year_id, seq, target_kind, target, percent)
values (nextval('prof_key_line_id_seq'), $school_year, $seq, $target_kind, $target, $percent)
