-- One goal of a trajectory.
-- params: $trajectory_id (INTEGER), $seq (SMALLINT), $text (VARCHAR), $domain (VARCHAR),
--         $origin (VARCHAR)
insert into wb_goal (trajectory_id, seq, text, domain, origin)
values ($trajectory_id, $seq, $text, $domain, $origin)
