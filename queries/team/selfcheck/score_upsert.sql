-- Set the score, decision, note and owner of one indicator in one round (replacing them).
-- params: $round_id (INTEGER), $indicator_id (SMALLINT), $score (SMALLINT), $decision (VARCHAR),
--         $note (VARCHAR), $owner (VARCHAR)
insert or replace into kw_score (round_id, indicator_id, score, decision, note, owner)
values ($round_id, $indicator_id, $score, $decision, $note, $owner)
