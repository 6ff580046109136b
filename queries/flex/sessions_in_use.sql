-- Sessions that plans still place learners in (any plan: a session with a history stays).
-- params: $session_ids (INTEGER[])
select
    session_id,
    count(*) as learners
from flex_assignment
where list_contains($session_ids, session_id)
group by all
order by session_id
