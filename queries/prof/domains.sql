-- The competence domains of the framework, in their order.
-- params: none
select domain_id, seq, name_nl, name_en
from prof_domain
order by seq
