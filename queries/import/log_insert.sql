-- One import in the import log.
-- params: $import_id, $user_id, $kind, $file_name, $file_sha256, $source, $n_new, $n_updated,
--         $n_unchanged, $n_refused, $status
insert into import_log (import_id, user_id, kind, file_name, file_sha256, source, n_new,
                        n_updated, n_unchanged, n_refused, status)
values ($import_id, $user_id, $kind, $file_name, $file_sha256, $source, $n_new, $n_updated,
        $n_unchanged, $n_refused, $status)
