-- Leaving demo mode: every demo account is switched off for good and loses its password (the
-- published 'demo'), so it cannot sign in again even if someone enables it. Returns their ids.
update app_user
set is_active = false,
    password_hash = null
where is_demo
    and (is_active or password_hash is not null)
returning user_id
