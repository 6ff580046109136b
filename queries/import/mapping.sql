-- The column mapping saved for one kind of import and one export's header row.
-- params: $kind (VARCHAR), $signature (VARCHAR)
select mapping
from import_mapping
where kind = $kind
    and signature = $signature
