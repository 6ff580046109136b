-- The activities of one induction, per strand (welcome, personal support, in class).
-- params: $induction_id (INTEGER)
select activity_id, strand, title, planned_on, done_on
from prof_induction_activity
where induction_id = $induction_id
order by strand, planned_on nulls last, activity_id
