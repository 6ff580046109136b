-- The last times the database was opened after setting a damaged write-ahead log aside, for the
-- administrator (Beheer › Databank). No personal data: times and file names.
select occurred_at, detail
from audit_log
where action = 'recover'
order by occurred_at desc
limit 5
