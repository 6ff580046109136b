-- The kinds of action that occur in the audit log, for the filter of Beheer › Logboek.
select distinct action
from audit_log
order by action
