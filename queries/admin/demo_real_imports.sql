-- Learner and staff lists imported by someone (the demo school itself is built without the
-- import): in a demo school they are most likely real people, while the demo accounts with
-- their published password still work.
select count(*) as imports
from import_log
where status = 'done'
    and kind in ('learners', 'staff')
