-- One line in the audit log: who did what to which records, and how it ended. No personal data:
-- records by id, never by name or content. Returns the entry's id.
-- params: $user_id (INTEGER or NULL), $action, $entity, $record_ids (VARCHAR[] or NULL),
--         $scope, $outcome ('ok' | 'refused' | 'error'), $detail
insert into audit_log (user_id, action, entity, record_ids, scope, outcome, detail)
values ($user_id, $action, $entity, $record_ids, $scope, $outcome, $detail)
returning audit_id
