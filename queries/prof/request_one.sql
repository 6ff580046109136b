-- One request as stored, to check a step or an edit inside its transaction. Unscoped: the
-- caller has checked who is asking.
-- params: $request_id (INTEGER)
select
    r.*,
    (r.fee + r.travel + r.substitute)::decimal(12, 2) as cost,
    s.subject_team
from prof_request as r
join staff as s using (staff_id)
where r.request_id = $request_id
