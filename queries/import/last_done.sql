-- The most recent import that changed something and was not undone: the one undo may reverse.
select
    import_id,
    kind,
    user_id,
    file_name,
    started_at
from import_log
where status = 'done'
    and (n_new > 0 or n_updated > 0)
order by import_id desc
limit 1
