-- Clear one indicator of one round (nothing left to keep: no score, decision, note or owner).
-- params: $round_id (INTEGER), $indicator_id (SMALLINT)
delete from kw_score
where round_id = $round_id
    and indicator_id = $indicator_id
