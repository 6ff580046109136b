-- Move a request to its next state, only from the state and version the mover saw; returns how
-- many rows changed (0: someone else moved or changed it first).
-- params: $request_id (INTEGER), $version (INTEGER), $from_state (VARCHAR), $to_state (VARCHAR),
-- $pot_id (INTEGER), $now (TIMESTAMP)
update prof_request set
    state = $to_state,
    pot_id = coalesce($pot_id, pot_id),
    version = version + 1,
    updated_at = $now
where request_id = $request_id and version = $version and state = $from_state
