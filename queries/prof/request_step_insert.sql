-- One step of a request: from which state to which, who and when (and why).
-- params: $request_id (INTEGER), $from_state (VARCHAR), $to_state (VARCHAR),
-- $by_user_id (INTEGER), $by_name (VARCHAR), $now (TIMESTAMP), $note (VARCHAR)
insert into prof_request_step (request_id, seq, from_state, to_state, by_user_id, by_name,
                               stepped_at, note)
select
    $request_id,
    coalesce(max(seq), 0) + 1,
    $from_state,
    $to_state,
    $by_user_id,
    $by_name,
    $now,
    $note
from prof_request_step
where request_id = $request_id
