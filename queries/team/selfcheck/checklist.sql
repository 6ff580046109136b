-- The self-assessment checklist (kijkwijzer flexwerking): the eleven desired effects and their
-- indicators in order, in both languages, with the evidence query of each (null: none).
-- params: none
select
    e.effect_id,
    e.text_nl as effect_nl,
    e.text_en as effect_en,
    i.indicator_id,
    i.seq,
    i.text_nl,
    i.text_en,
    i.evidence
from kw_indicator as i
join kw_effect as e using (effect_id)
order by e.effect_id, i.seq
