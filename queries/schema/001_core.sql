-- 001: the core of a school: calendar, classes, learners, staff, results, needs, flex, surveys,
-- and the import and audit logs. Later migrations add their own tables; none rebuilds these.
--
-- Codes are English and stable (kind 'remediation'); the interface shows them through the
-- language catalogues (remediëring / remediation). Surrogate integer ids let the audit log name
-- records without personal data; natural keys (external_id: stamboeknummer) stay unique.
--
-- No foreign keys, on purpose. DuckDB refuses to delete a row whose referring rows were deleted
-- earlier in the same transaction (duckdb/duckdb#13819), and rewrites an update of an indexed
-- column as delete plus insert, which its foreign-key check then refuses while other rows refer
-- to it. Erasure, undoing an import and editing the flex offer all need exactly those, in one
-- transaction. So references are plain columns ("-> table" below), every write path validates
-- them, and queries/admin/orphans.sql checks every one of them (tests, Beheer › Databank).

-- Calendar ---------------------------------------------------------------------------------------

create table school_year (
    school_year_id  varchar primary key,            -- '2026-2027'
    starts_on       date not null,
    ends_on         date not null,
    check (starts_on < ends_on)
);

create sequence period_id_seq;
create table period (
    period_id       integer primary key default nextval('period_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    seq             smallint not null,              -- 1, 2, 3 within the school year
    name            varchar not null,               -- as on the report: 'Trimester 1'
    starts_on       date not null,
    ends_on         date not null,
    unique (school_year_id, seq),
    check (starts_on <= ends_on)
);

create table week (
    week_id         varchar primary key,            -- ISO week: '2026-W48'
    school_year_id  varchar not null,  -- -> school_year
    monday          date not null unique,
    is_school_week  boolean not null default true   -- false in holidays: no flex hours
);

-- Classes and learners -----------------------------------------------------------------------------

create sequence class_id_seq;
create table class (
    class_id        integer primary key default nextval('class_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    code            varchar not null,               -- '1A': Smartschool and Informat share it
    year_of_study   smallint not null check (year_of_study between 1 and 7),   -- leerjaar
    grade           smallint not null check (grade between 1 and 4),           -- graad
    unique (school_year_id, code)
);

create sequence learner_id_seq;
create table learner (
    learner_id      integer primary key default nextval('learner_id_seq'),
    external_id     varchar not null unique,        -- stamboeknummer or school number: text
    first_name      varchar not null,
    last_name       varchar not null,
    birth_date      date,
    email           varchar,
    entered_on      date,
    left_on         date                            -- set when the learner leaves the school
);

create table enrolment (
    learner_id      integer not null,  -- -> learner
    school_year_id  varchar not null,  -- -> school_year
    class_id        integer not null,  -- -> class
    primary key (learner_id, school_year_id)
);

create table subject (
    subject_id      varchar primary key,            -- 'WIS'
    name_nl         varchar not null,
    name_en         varchar not null
);

-- Staff ----------------------------------------------------------------------------------------

create sequence staff_id_seq;
create table staff (
    staff_id          integer primary key default nextval('staff_id_seq'),
    external_id       varchar not null unique,      -- stamboeknummer or personnel number
    first_name        varchar not null,
    last_name         varchar not null,
    email             varchar,
    assignment_hours  decimal(5, 2) not null default 0,   -- lesopdracht: teaching hours a week
    full_time_hours   decimal(5, 2) not null default 22,  -- the denominator: 22/22, 20/20 ...
    subject_team      varchar,                      -- vakgroep, e.g. 'Wiskunde'
    started_on        date,
    left_on           date,
    check (assignment_hours >= 0 and full_time_hours > 0)
);

create table staff_role (
    staff_id        integer not null,  -- -> staff
    role            varchar not null,               -- 'teacher', 'care_coordinator', 'mentor', ...
    primary key (staff_id, role)
);

-- Results and needs ----------------------------------------------------------------------------

create table result (
    learner_id      integer not null,  -- -> learner
    subject_id      varchar not null,  -- -> subject
    period_id       integer not null,  -- -> period
    score           decimal(7, 2),
    max_score       decimal(7, 2),
    absence_code    varchar,                        -- 'AFW', 'GAFW', 'ZT': a reason, no score
    primary key (learner_id, subject_id, period_id),
    check (score is null or (max_score > 0 and score >= 0 and score <= max_score)),
    check (score is not null or absence_code is not null)
);

create sequence need_id_seq;
create table need (
    need_id         integer primary key default nextval('need_id_seq'),
    learner_id      integer not null,  -- -> learner
    subject_id      varchar,  -- -> subject; null: not about one subject
    kind            varchar not null check (kind in ('remediation', 'deepening', 'broadening')),
    source          varchar not null check (
        source in ('class_council', 'self_reflection', 'subject_teacher', 'result_rule')
    ),
    priority        smallint not null default 2 check (priority between 1 and 3),  -- 1 = high
    is_hard         boolean not null default false, -- a decision the composition must respect
    reason          varchar,
    valid_from      date not null,
    valid_until     date,
    decided_by      varchar,                        -- who, as shown to users (no e-mail)
    created_at      timestamp not null default current_timestamp,
    ended_at        timestamp,                      -- ended or replaced: kept as history
    replaces_need_id integer,
    check (kind = 'broadening' or subject_id is not null),
    check (valid_until is null or valid_until >= valid_from)
);

-- Flex hours ------------------------------------------------------------------------------------

create sequence flex_slot_id_seq;
create table flex_slot (
    slot_id         integer primary key default nextval('flex_slot_id_seq'),
    weekday         smallint not null check (weekday between 1 and 7),   -- ISO: 1 = Monday
    lesson_hour     smallint not null check (lesson_hour between 1 and 12),
    unique (weekday, lesson_hour)
);

-- A cycle: the weeks a group stays together; learners switch at its boundary.
create sequence flex_cycle_id_seq;
create table flex_cycle (
    cycle_id        integer primary key default nextval('flex_cycle_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    seq             smallint not null,
    unique (school_year_id, seq)
);

create table flex_cycle_week (
    week_id         varchar primary key,  -- -> week
    cycle_id        integer not null  -- -> flex_cycle
);

create sequence flex_session_id_seq;
create table flex_session (
    session_id      integer primary key default nextval('flex_session_id_seq'),
    cycle_id        integer not null,  -- -> flex_cycle
    slot_id         integer not null,  -- -> flex_slot
    code            varchar not null,               -- short label on lists: 'WIS-R1'
    kind            varchar not null check (kind in ('remediation', 'deepening', 'broadening')),
    subject_id      varchar,  -- -> subject; none for broadening
    title           varchar,                        -- 'Debat', 'Programmeren', ...
    leader_staff_id integer,  -- -> staff
    leader_kind     varchar not null default 'teacher' check (
        leader_kind in ('teacher', 'teaching_assistant', 'coach', 'student_teacher', 'guest')
    ),
    leader_name     varchar,                        -- when the leader is not on the staff list
    room            varchar,
    capacity        smallint not null check (capacity > 0),
    years_of_study  smallint[],                     -- null: every year may join
    unique (cycle_id, slot_id, code),
    check (kind = 'broadening' or subject_id is not null)
);

-- A composition of one cycle: a proposal, then published versions. Assignments belong to one.
create sequence flex_plan_id_seq;
create table flex_plan (
    plan_id         integer primary key default nextval('flex_plan_id_seq'),
    cycle_id        integer not null,  -- -> flex_cycle
    status          varchar not null check (status in ('proposal', 'published')),
    version         smallint not null default 0,    -- 1, 2, ... once published
    created_by      varchar,
    created_at      timestamp not null default current_timestamp,
    published_by    varchar,
    published_at    timestamp
);

create table flex_assignment (
    plan_id         integer not null,  -- -> flex_plan
    slot_id         integer not null,  -- -> flex_slot
    learner_id      integer not null,  -- -> learner
    session_id      integer not null,  -- -> flex_session
    reason_code     varchar not null,               -- 'hard_decision', 'need', 'choice', ...
    reason_detail   varchar,                        -- JSON with what the reason names
    is_locked       boolean not null default false, -- placed by hand: the next run keeps it
    primary key (plan_id, slot_id, learner_id)
);

create table flex_attendance (
    week_id         varchar not null,  -- -> week
    session_id      integer not null,  -- -> flex_session
    learner_id      integer not null,  -- -> learner
    status          varchar not null check (status in ('present', 'absent', 'excused')),
    primary key (week_id, session_id, learner_id)
);

create sequence feedback_note_id_seq;
create table feedback_note (
    note_id         integer primary key default nextval('feedback_note_id_seq'),
    learner_id      integer not null,  -- -> learner
    session_id      integer,  -- -> flex_session
    week_id         varchar,  -- -> week
    author          varchar,
    feed_up         varchar,                        -- where am I going?
    feedback        varchar,                        -- how am I going?
    feed_forward    varchar,                        -- where to next?
    created_at      timestamp not null default current_timestamp
);

-- Surveys, in long form ------------------------------------------------------------------------

create sequence survey_id_seq;
create table survey (
    survey_id       integer primary key default nextval('survey_id_seq'),
    title           varchar not null,
    source          varchar not null,               -- 'google_forms', 'microsoft_forms', ...
    audience        varchar not null default 'learners' check (
        audience in ('learners', 'staff', 'parents', 'other')
    ),
    tag             varchar check (tag in (
        'wellbeing', 'self_reflection', 'professional_needs', 'evaluation', 'time_registration'
    )),
    created_at      timestamp not null default current_timestamp
);

create table survey_respondent (
    survey_id       integer not null,  -- -> survey
    respondent_id   integer not null,
    learner_id      integer,  -- -> learner
    staff_id        integer,  -- -> staff
    pseudonym       varchar,                        -- keyed hash when nobody could be linked
    is_complete     boolean not null default true,
    answered_at     timestamp,
    primary key (survey_id, respondent_id)
);

create table survey_answer (
    survey_id       integer not null,
    respondent_id   integer not null,
    question_no     smallint not null,
    question        varchar not null,
    item            varchar,                        -- grid row, or one option of a checkbox
    answer_text     varchar,
    answer_value    double,                         -- a Likert answer on its scale
    answered_at     timestamp                       -- (survey_id, respondent_id) -> respondent
);

-- Logs and settings ------------------------------------------------------------------------------

create sequence import_id_seq;
create table import_log (
    import_id       integer primary key default nextval('import_id_seq'),
    started_at      timestamp not null default current_timestamp,
    user_id         integer,
    kind            varchar not null,
    file_name       varchar,
    file_sha256     varchar,
    n_new           integer not null default 0,
    n_updated       integer not null default 0,
    n_unchanged     integer not null default 0,
    n_refused       integer not null default 0,
    status          varchar not null check (status in ('done', 'refused', 'undone'))
);

-- Who did what, never personal data: record ids, not names; outcome, not content.
create sequence audit_id_seq;
create table audit_log (
    audit_id        bigint primary key default nextval('audit_id_seq'),
    occurred_at     timestamp not null default current_timestamp,
    user_id         integer,
    action          varchar not null,               -- 'login', 'import', 'edit', 'export', ...
    entity          varchar,
    record_ids      varchar[],
    scope           varchar,
    outcome         varchar not null check (outcome in ('ok', 'refused', 'error')),
    detail          varchar
);

create table setting (
    key             varchar primary key,
    value           varchar not null                -- JSON
);
