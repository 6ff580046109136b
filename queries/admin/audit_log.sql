-- The audit log between two moments, newest first, optionally narrowed to an action, an outcome
-- or a user; the actor's e-mail is joined for display only (the log itself holds user ids).
-- params: $since (TIMESTAMP), $until (TIMESTAMP), $action (VARCHAR or NULL),
--         $outcome (VARCHAR or NULL), $user_id (INTEGER or NULL), $limit (INTEGER)
select
    a.audit_id,
    a.occurred_at,
    a.user_id,
    u.email              as user_email,
    a.action,
    a.entity,
    a.record_ids,
    a.scope,
    a.outcome,
    a.detail
from audit_log as a
left join app_user as u using (user_id)
where a.occurred_at >= $since
    and a.occurred_at < $until
    and ($action is null or a.action = $action)
    and ($outcome is null or a.outcome = $outcome)
    and ($user_id is null or a.user_id = $user_id)
order by a.occurred_at desc, a.audit_id desc
limit $limit
