-- Sign-ins that survive a refresh and a second tab (app/sessions.py), and the flex register's
-- unsaved typing (app/flex/attendance.py).
--
-- web_session: one row per signed-in browser. The browser holds a random session id in a
-- signed, HttpOnly cookie; the database keeps only a keyed hash of it, so neither a copy of this
-- file nor a backup lets anyone act as a signed-in user. Signing out deletes the row; disabling
-- the account, changing its roles or classes, or setting a new password deletes every row of
-- the user in the same transaction; `roles_key` (a keyed hash of roles, classes and staff link
-- at sign-in) ends the session too when those change by any other way.
create table web_session (
    session_hash    varchar primary key,
    user_id         integer not null,
    roles_key       varchar not null,
    created_at      timestamp not null,
    expires_at      timestamp not null,
    -- The last sign-in from the cookie that went into the audit log (at most one an hour).
    resumed_at      timestamp
);

-- attendance_draft: what a flex teacher typed in a register and has not saved yet, per
-- teacher, session, week and learner; restored after a refresh, deleted by the save (in its
-- transaction), by "discard", and by a learner's erasure.
create table attendance_draft (
    user_id         integer not null,
    session_id      integer not null,
    week_id         varchar not null,
    learner_id      integer not null,
    status          varchar,
    feed_up         varchar,
    feedback        varchar,
    feed_forward    varchar,
    typed_at        timestamp not null,
    primary key (user_id, session_id, week_id, learner_id)
);
