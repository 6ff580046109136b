-- The rounds of the self-assessment, newest first, with how many indicators were scored.
-- params: none
select
    r.round_id,
    r.held_on,
    r.participants,
    count(s.score) as scored,
    count(s.decision) as decided
from kw_round as r
left join kw_score as s using (round_id)
group by all
order by r.held_on desc, r.round_id desc
