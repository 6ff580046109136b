-- Remove sessions from an offer (only those no plan uses: see sessions_in_use).
-- params: $session_ids (INTEGER[])
delete from flex_session
where list_contains($session_ids, session_id)
    and session_id not in (select session_id from flex_assignment)
