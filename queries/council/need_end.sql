-- End an open decision or need (it stays, with who ended it and when); returns its id, or no
-- row when it was ended already (someone else was first).
-- params: $need_id (INTEGER), $ended_by (VARCHAR), $ended_at (TIMESTAMP)
update need
set ended_at = $ended_at,
    ended_by = $ended_by
where need_id = $need_id
    and ended_at is null
returning need_id
