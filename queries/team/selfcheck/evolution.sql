-- The evolution across rounds: per round and effect the mean score of its scored indicators
-- (1 to 4) and how many were scored, oldest round first.
-- params: none
select
    r.round_id,
    r.held_on,
    i.effect_id,
    avg(s.score) as mean_score,
    count(s.score) as scored
from kw_score as s
join kw_round as r using (round_id)
join kw_indicator as i using (indicator_id)
where s.score is not null
group by all
order by r.held_on, r.round_id, i.effect_id
