-- Backups made with `python -m app backup --out FILE` outside the database's folder, as the
-- log book recorded them ('out=' and the full path): copies an erasure must reach too.
-- params: none
select distinct substr(detail, 5) as path
from audit_log
where action = 'backup' and detail like 'out=%'
order by path
