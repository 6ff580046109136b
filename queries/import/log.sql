-- The import log, newest first, with who imported (e-mail shown to administrators only).
-- params: $limit (INTEGER)
select
    i.import_id,
    i.started_at,
    u.email as user_email,
    i.kind,
    i.file_name,
    i.source,
    i.n_new,
    i.n_updated,
    i.n_unchanged,
    i.n_refused,
    i.status,
    i.undone_at
from import_log as i
left join app_user as u using (user_id)
order by i.import_id desc
limit $limit
