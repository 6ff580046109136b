-- One session: its cycle, slot, code and leader.
-- params: $session_id (INTEGER)
select
    session_id,
    cycle_id,
    slot_id,
    code,
    leader_staff_id
from flex_session
where session_id = $session_id
