-- The sharing a participant promised happened (or a note on it).
-- params: $request_id (INTEGER), $shared_on (DATE), $shared_note (VARCHAR), $now (TIMESTAMP)
update prof_request set
    shared_on = $shared_on,
    shared_note = $shared_note,
    version = version + 1,
    updated_at = $now
where request_id = $request_id
