-- The needed levels: per competence, for the school, a role, a subject team or a grade.
-- params: none
select
    n.competence_id,
    c.code,
    n.target_kind,
    n.target,
    n.level
from prof_needed_level as n
join prof_competence as c using (competence_id)
order by c.code, n.target_kind, n.target
