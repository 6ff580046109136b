-- The classes each of these learners is or was enrolled in, to check a permission on them (a
-- class-council member may act for the learners of their own classes). Ids only.
-- params: $learner_ids (INTEGER[])
select
    l.learner_id,
    coalesce(list(e.class_id order by e.class_id) filter (where e.class_id is not null),
             []::integer[]) as class_ids
from learner as l
left join enrolment as e using (learner_id)
where list_contains($learner_ids::integer[], l.learner_id)
group by l.learner_id
