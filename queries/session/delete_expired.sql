-- Sessions past their end are of no use: they go when the next one starts.
-- params: $now (TIMESTAMP)
delete from web_session
where expires_at <= $now
