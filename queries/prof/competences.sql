-- The competence framework: every item with its domain and quality expectations (OK codes).
-- params: none
select
    c.competence_id,
    c.domain_id,
    d.seq                                   as domain_seq,
    d.name_nl                               as domain_nl,
    d.name_en                               as domain_en,
    c.code,
    c.name_nl,
    c.name_en,
    array_to_string(c.ok_codes, ', ')       as ok_codes,
    c.seq,
    c.is_active
from prof_competence as c
join prof_domain as d using (domain_id)
order by d.seq, c.seq, c.code
