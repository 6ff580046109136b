-- Flex sessions by cycle, slot and code, so a re-imported offer updates its sessions.
select
    cycle_id,
    slot_id,
    code,
    session_id
from flex_session
