-- Whether an audit entry is in the file: after a commit that raised, it tells whether the
-- write was stored all the same (DuckDB wrote its log, then failed to fold it into the file).
-- params: $audit_id (BIGINT)
select count(*) > 0 as stored
from audit_log
where audit_id = $audit_id
