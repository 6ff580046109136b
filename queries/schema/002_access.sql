-- 002: who may see what. Users and their roles, the classes a class-council member is scoped
-- to, login attempts for throttling, and the scope of learner data as one table macro that every
-- query reading learner data joins.

create sequence app_user_id_seq;
create table app_user (
    user_id         integer primary key default nextval('app_user_id_seq'),
    email           varchar not null unique,        -- lower case; the link with OpenID Connect
    display_name    varchar not null,
    password_hash   varchar,                        -- argon2id; null: signs in through OIDC only
    staff_id        integer,                        -- -> staff
    is_active       boolean not null default true,
    is_demo         boolean not null default false, -- usable only while the school is a demo
    created_at      timestamp not null default current_timestamp,
    last_login_at   timestamp,
    check (email = lower(email) and email like '%_@_%')
);

create table user_role (
    user_id         integer not null,  -- -> app_user
    role            varchar not null check (role in (
        'admin', 'director', 'flex_team', 'class_council', 'teacher', 'adviser'
    )),
    primary key (user_id, role)
);

-- The classes a class-council member sees (this school year's classes).
create table user_class (
    user_id         integer not null,  -- -> app_user
    class_id        integer not null,  -- -> class
    primary key (user_id, class_id)
);

-- Failed and successful logins, keyed by a keyed hash of the e-mail or address: no personal data.
create table login_attempt (
    subject_hash    varchar not null,
    attempted_at    timestamp not null default current_timestamp,
    succeeded       boolean not null
);

-- Who uploaded a survey: its owner always sees it.
alter table survey add column created_by integer;

-- The learners a viewer may see. Three ways in, any of which suffices:
--   p_all      the whole school (admin, director, flex team)
--   p_classes  the classes of a class-council member (this school year's class ids)
--   p_leader   the staff id of a flex teacher: learners placed in sessions they lead
create macro visible_learners(p_all, p_classes, p_leader) as table
    select learner_id
    from learner
    where p_all
    union
    select e.learner_id
    from enrolment as e
    where list_contains(p_classes, e.class_id)
    union
    select a.learner_id
    from flex_assignment as a
    join flex_session as s using (session_id)
    where p_leader is not null
        and s.leader_staff_id = p_leader;

-- The survey responses a viewer may see: all of a survey they uploaded themselves; learners'
-- responses within their learner scope; staff responses only with the right to staff data;
-- responses nobody could be linked to only for those who see the whole school.
create macro visible_respondents(p_all, p_classes, p_leader, p_user, p_staff) as table
    select r.survey_id, r.respondent_id
    from survey_respondent as r
    join survey as s using (survey_id)
    where (p_user is not null and s.created_by = p_user)
        or r.learner_id in (select learner_id from visible_learners(p_all, p_classes, p_leader))
        or (r.staff_id is not null and p_staff)
        or (r.learner_id is null and r.staff_id is null and p_all);

