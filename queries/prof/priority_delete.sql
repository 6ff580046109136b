-- Remove a priority (its initiatives were unlinked first by prof/priority_unlink).
-- params: $priority_id (INTEGER)
delete from prof_priority where priority_id = $priority_id
