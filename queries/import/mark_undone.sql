-- An import has been undone.
-- params: $import_id (INTEGER)
update import_log
set status = 'undone',
    undone_at = current_timestamp
where import_id = $import_id
