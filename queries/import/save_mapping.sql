-- Remember a confirmed column mapping for the next upload of the same export.
-- params: $kind (VARCHAR), $signature (VARCHAR), $mapping (VARCHAR, JSON), $saved_by
insert into import_mapping (kind, signature, mapping, saved_by)
values ($kind, $signature, $mapping, $saved_by)
on conflict (kind, signature) do update
set mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = now()
