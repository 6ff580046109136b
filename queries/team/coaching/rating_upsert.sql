-- One rating of one goal at one visit: the teacher's own ('self') or the adviser's.
-- params: $visit_id (INTEGER), $goal_id (INTEGER), $by_whom (VARCHAR), $score (SMALLINT),
--         $note (VARCHAR)
insert or replace into wb_rating (visit_id, goal_id, by_whom, score, note)
values ($visit_id, $goal_id, $by_whom, $score, $note)
