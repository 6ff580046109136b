-- 007: professional development (professionalisering). The cycle of the Flemish
-- professionalisation policy: competences needed and present (the gaps are the needs), the
-- plan with its priorities, initiatives and the induction of starters, requests with every step
-- of their state machine, the budget with its sources, allocation key and pots, what is
-- committed and spent, evaluation at Guskey's five levels, and internal expertise.
--
-- As in 001 there are no foreign keys: references are "-> table" comments and every one of
-- them is checked by queries/admin/orphans.sql. Money is DECIMAL(12,2) euros, summed exactly.
-- Staff appraisal data (levels, requests of others) is confidential: queries that read it take
-- the viewer's scope ($scope_staff_data, $scope_user_id) and the app checks who moves what.

-- Competences ---------------------------------------------------------------------------------

-- Quality expectations of the Flemish reference framework (Referentiekader voor
-- Onderwijskwaliteit, OK) that competences link to. Texts only where the reference document
-- quotes them; the others are known by their code and rubric.
create table prof_ok_expectation (
    code            varchar primary key,            -- 'BL9'
    rubric          varchar not null check (rubric in (
        'results', 'quality', 'development', 'policy'
    )),
    text_nl         varchar,
    text_en         varchar
);

create table prof_domain (
    domain_id       varchar primary key,            -- 'didactics'
    seq             smallint not null,
    name_nl         varchar not null,
    name_en         varchar not null
);

create sequence prof_competence_id_seq start 100;
create table prof_competence (
    competence_id   integer primary key default nextval('prof_competence_id_seq'),
    domain_id       varchar not null,  -- -> prof_domain
    code            varchar not null unique,        -- 'DID3'
    name_nl         varchar not null,
    name_en         varchar not null,
    ok_codes        varchar[],                      -- ['V1', 'V2', ...]: -> prof_ok_expectation
    seq             smallint not null default 0,
    is_active       boolean not null default true   -- retired items keep their history
);

-- The level a competence is needed at (1 beginning .. 4 expert), for everyone or for a role,
-- a subject team or a grade. A staff member needs the highest level that applies to them.
create table prof_needed_level (
    competence_id   integer not null,  -- -> prof_competence
    target_kind     varchar not null check (target_kind in (
        'school', 'role', 'subject_team', 'grade'
    )),
    target          varchar not null default '',    -- role code, team name, grade; '' school
    level           smallint not null check (level between 1 and 4),
    primary key (competence_id, target_kind, target)
);

-- The grades a staff member teaches in (needed levels per grade, budget pots per grade).
create table prof_staff_grade (
    staff_id        integer not null,  -- -> staff
    grade           smallint not null check (grade between 1 and 4),
    primary key (staff_id, grade)
);

-- Teams that are not subject teams (a unit of 6 to 7 FTE around a group of learners, the care
-- team): a key line may give a team its own pot.
create table prof_team_member (
    team            varchar not null,
    staff_id        integer not null,  -- -> staff
    primary key (team, staff_id)
);

-- The level a staff member has, per source: a self-assessment (short form), a survey tagged
-- 'professional needs', an appraisal talk, an import. The latest counts; on the same day an
-- appraisal goes before a self-assessment, a survey and an import.
create table prof_staff_level (
    staff_id        integer not null,  -- -> staff
    competence_id   integer not null,  -- -> prof_competence
    source          varchar not null check (source in ('self', 'survey', 'appraisal', 'import')),
    level           smallint not null check (level between 1 and 4),
    assessed_on     date not null,
    note            varchar,
    recorded_by     varchar,
    recorded_at     timestamp not null default current_timestamp,
    primary key (staff_id, competence_id, source)
);

-- What a staff member says they can teach colleagues (self-declared expertise).
create table prof_expertise (
    staff_id        integer not null,  -- -> staff
    competence_id   integer not null,  -- -> prof_competence
    note            varchar,
    declared_on     date not null,
    primary key (staff_id, competence_id)
);

-- The plan ---------------------------------------------------------------------------------------

create sequence prof_priority_id_seq;
create table prof_priority (
    priority_id     integer primary key default nextval('prof_priority_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    horizon         varchar not null check (horizon in ('year', 'long')),
    until_year      varchar,                        -- long term: the last school year, '2029-2030'
    title           varchar not null,
    goal            varchar,
    form            varchar not null check (form in (
        'internal_sharing', 'external_training', 'coaching', 'peer_visit', 'learning_network',
        'study_day', 'other'
    )),
    collective      varchar not null default 'team' check (collective in (
        'individual', 'team', 'school'
    )),
    competence_ids  integer[],                      -- -> prof_competence
    seq             smallint not null default 0
);

create sequence prof_initiative_id_seq;
create table prof_initiative (
    initiative_id   integer primary key default nextval('prof_initiative_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    priority_id     integer,  -- -> prof_priority
    title           varchar not null,
    form            varchar not null check (form in (
        'internal_sharing', 'external_training', 'coaching', 'peer_visit', 'learning_network',
        'study_day', 'other'
    )),
    collective      varchar not null default 'individual' check (collective in (
        'individual', 'team', 'school'
    )),
    partner         varchar,                        -- PBD, a training provider, a colleague
    competence_id   integer,  -- -> prof_competence
    starts_on       date,
    ends_on         date,
    hours           decimal(6, 2) not null default 0 check (hours >= 0),
    estimated_cost  decimal(12, 2) not null default 0 check (estimated_cost >= 0),
    created_at      timestamp not null default current_timestamp,
    check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

-- Who followed what: participants of an initiative, through a request or added by the director.
create table prof_participant (
    initiative_id   integer not null,  -- -> prof_initiative
    staff_id        integer not null,  -- -> staff
    request_id      integer,  -- -> prof_request
    attended        boolean not null default false,
    primary key (initiative_id, staff_id)
);

-- Induction of a starting teacher (aanvangsbegeleiding): starter, mentor, the agreement, and
-- activities in three strands: welcome, personal support, functioning in class.
create sequence prof_induction_id_seq;
create table prof_induction (
    induction_id    integer primary key default nextval('prof_induction_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    starter_staff_id integer not null,  -- -> staff
    mentor_staff_id integer,  -- -> staff
    agreement       varchar,
    agreed_on       date,
    unique (school_year_id, starter_staff_id)
);

create sequence prof_induction_activity_id_seq;
create table prof_induction_activity (
    activity_id     integer primary key default nextval('prof_induction_activity_id_seq'),
    induction_id    integer not null,  -- -> prof_induction
    strand          varchar not null check (strand in ('welcome', 'personal', 'classroom')),
    title           varchar not null,
    planned_on      date,
    done_on         date
);

-- Budget -----------------------------------------------------------------------------------------

create sequence prof_source_id_seq;
create table prof_budget_source (
    source_id       integer primary key default nextval('prof_source_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    kind            varchar not null check (kind in ('government', 'school_board', 'other')),
    label           varchar not null,
    amount          decimal(12, 2) not null check (amount >= 0),
    unique (school_year_id, kind, label)
);

-- The allocation key of a school year: lines with a percentage of the budget each (together
-- 100 %). 'pro_rata' divides its share over every staff member by assignment size.
create sequence prof_key_line_id_seq;
create table prof_key_line (
    line_id         integer primary key default nextval('prof_key_line_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    seq             smallint not null,
    target_kind     varchar not null check (target_kind in (
        'pro_rata', 'school', 'subject_team', 'grade', 'team', 'role', 'individual'
    )),
    target          varchar not null default '',    -- team, grade, role, staff id; '' else
    percent         decimal(5, 2) not null check (percent > 0 and percent <= 100),
    unique (school_year_id, seq)
);

-- When the key was last applied, to which budget, by whom.
create table prof_key_applied (
    school_year_id  varchar primary key,  -- -> school_year
    budget          decimal(12, 2) not null,
    applied_by      varchar,
    applied_at      timestamp not null
);

-- The pots the key made. A pot keeps its id when the key is applied again, so the requests and
-- spending charged to it stay with it.
create sequence prof_pot_id_seq;
create table prof_pot (
    pot_id          integer primary key default nextval('prof_pot_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    target_kind     varchar not null check (target_kind in (
        'school', 'subject_team', 'grade', 'team', 'role', 'individual'
    )),
    target          varchar not null default '',    -- individual: the staff id as text
    allocated       decimal(12, 2) not null check (allocated >= 0),
    unique (school_year_id, target_kind, target)
);

-- Requests ---------------------------------------------------------------------------------------

-- A request to take part in an initiative, with its costs and how the learning will be shared.
-- draft -> submitted -> approved | refused; approved -> done -> evaluated. 'version' goes up with
-- every change, so an editor can tell whether what they loaded is still what is stored.
create sequence prof_request_id_seq;
create table prof_request (
    request_id      integer primary key default nextval('prof_request_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    staff_id        integer not null,  -- -> staff
    created_by      integer,  -- -> app_user
    initiative_id   integer,  -- -> prof_initiative
    title           varchar not null,
    goal            varchar not null,
    partner         varchar,
    form            varchar not null default 'external_training' check (form in (
        'internal_sharing', 'external_training', 'coaching', 'peer_visit', 'learning_network',
        'study_day', 'other'
    )),
    competence_id   integer,  -- -> prof_competence
    subject_id      varchar,  -- -> subject; the subject the learning is for (level 5)
    class_ids       integer[],                      -- -> class; where it will be used (level 5)
    starts_on       date not null,
    ends_on         date,
    fee             decimal(12, 2) not null default 0 check (fee >= 0),
    travel          decimal(12, 2) not null default 0 check (travel >= 0),
    substitute      decimal(12, 2) not null default 0 check (substitute >= 0),
    hours           decimal(6, 2) not null default 0 check (hours >= 0),
    sharing_plan    varchar,                        -- how colleagues will learn from it
    shared_on       date,                           -- when that sharing happened
    shared_note     varchar,
    pot_id          integer,  -- -> prof_pot; set on approval
    state           varchar not null default 'draft' check (state in (
        'draft', 'submitted', 'approved', 'refused', 'done', 'evaluated'
    )),
    version         integer not null default 1,
    created_at      timestamp not null default current_timestamp,
    updated_at      timestamp not null default current_timestamp,
    check (ends_on is null or ends_on >= starts_on)
);

-- Every step of a request: from which state to which, who and when (and why, for a refusal).
create table prof_request_step (
    request_id      integer not null,  -- -> prof_request
    seq             smallint not null,
    from_state      varchar,                        -- null: the request was made
    to_state        varchar not null,
    by_user_id      integer,  -- -> app_user
    by_name         varchar,
    stepped_at      timestamp not null,
    note            varchar,
    primary key (request_id, seq)
);

-- Money spent: on a request (its actual costs) or on an initiative (a study day's speaker).
create sequence prof_spending_id_seq;
create table prof_spending (
    spending_id     integer primary key default nextval('prof_spending_id_seq'),
    school_year_id  varchar not null,  -- -> school_year
    pot_id          integer,  -- -> prof_pot
    request_id      integer,  -- -> prof_request
    initiative_id   integer,  -- -> prof_initiative
    spent_on        date not null,
    amount          decimal(12, 2) not null check (amount <> 0),   -- negative: a refund
    description     varchar,
    recorded_by     varchar,
    recorded_at     timestamp not null default current_timestamp
);

-- Evaluation -------------------------------------------------------------------------------------

-- Guskey's levels per initiative: 1 reactions, 2 learning, 3 organisational support and change,
-- 4 use in practice, 5 learner outcomes. A row is planned (a follow-up) or done. Levels 1 to 4
-- score on 1 to 5; level 5 keeps the learners' mean result before and after (in %) and how
-- many learners the comparison holds.
create sequence prof_evaluation_id_seq;
create table prof_evaluation (
    evaluation_id   integer primary key default nextval('prof_evaluation_id_seq'),
    initiative_id   integer not null,  -- -> prof_initiative
    level           smallint not null check (level between 1 and 5),
    staff_id        integer,  -- -> staff; null: about the initiative as a whole
    planned_on      date,
    done_on         date,
    score           decimal(5, 2),
    before_value    decimal(5, 2),
    after_value     decimal(5, 2),
    learners        integer,
    note            varchar,
    recorded_by     varchar,
    recorded_at     timestamp not null default current_timestamp,
    check (planned_on is not null or done_on is not null),
    check (score is null or level = 5 or score between 1 and 5)
);

-- The undo journal of imports (see 003): initiatives, budget sources and staff levels.
create table undo_prof_initiative as select null::integer as import_id, null::varchar as op, * from prof_initiative where false;
create table undo_prof_budget_source as select null::integer as import_id, null::varchar as op, * from prof_budget_source where false;
create table undo_prof_staff_level as select null::integer as import_id, null::varchar as op, * from prof_staff_level where false;

-- The competence framework of the reference document (professionaliseringsbeleid, "Inventariseren
-- vanuit verschillende perspectieven"), each item linked to the OK codes the document gives its
-- domain. A school edits it on Professionalisering › Competenties.

insert into prof_ok_expectation (code, rubric, text_nl, text_en) values
    ('R1', 'results', null, null), ('R2', 'results', null, null), ('R3', 'results', null, null),
    ('R4', 'results', null, null), ('R5', 'results', null, null),
    ('K2', 'quality', null, null),
    ('D1', 'development', null, null), ('D2', 'development', null, null),
    ('D3', 'development', null, null), ('D4', 'development', null, null),
    ('V1', 'development', null, null), ('V2', 'development', null, null),
    ('V3', 'development', null, null), ('V4', 'development', null, null),
    ('BL1', 'policy',
     'De school ontwikkelt en voert een gedragen, geïntegreerd en samenhangend beleid rekening houdend met haar pedagogisch project.',
     'The school develops and pursues a supported, integrated and coherent policy in line with its pedagogical project.'),
    ('BL2', 'policy', null, null), ('BL3', 'policy', null, null),
    ('BL4', 'policy',
     'In de school heerst een innovatieve en lerende organisatiecultuur.',
     'The school has an innovative, learning organisational culture.'),
    ('BL5', 'policy', null, null),
    ('BL6', 'policy',
     'De school communiceert transparant over haar werking met alle betrokkenen.',
     'The school communicates transparently about its work with everyone involved.'),
    ('BL7', 'policy', null, null), ('BL8', 'policy', null, null),
    ('BL9', 'policy',
     'De school ontwikkelt en voert een doeltreffend professionaliseringsbeleid en heeft hierbij specifieke aandacht voor beginnende leraren.',
     'The school develops and pursues an effective professionalisation policy, with specific attention to beginning teachers.'),
    ('BL10', 'policy', null, null), ('BL11', 'policy', null, null),
    ('BL12', 'policy', null, null);

insert into prof_domain (domain_id, seq, name_nl, name_en) values
    ('subject_knowledge', 1, 'Vakkennis', 'Subject knowledge'),
    ('didactics', 2, 'Didactiek', 'Didactics'),
    ('technology', 3, 'Technologie', 'Technology'),
    ('school_organisation', 4, 'Schoolorganisatie', 'School organisation'),
    ('school_policy', 5, 'Schoolbeleid', 'School policy');

insert into prof_competence (competence_id, domain_id, code, name_nl, name_en, ok_codes, seq) values
    (1, 'subject_knowledge', 'VAK1',
     'Vakkennis en expertise inzetten om het leren van de leerlingen te bevorderen',
     'Using subject knowledge and expertise to further learners'' learning',
     ['D1', 'D2', 'D3', 'D4'], 1),
    (2, 'subject_knowledge', 'VAK2',
     'Competenties van leerlingen versterken door goedgekozen leerinhoud',
     'Strengthening learners'' competences through well-chosen content',
     ['D1', 'D2', 'D3', 'D4'], 2),
    (3, 'didactics', 'DID1',
     'Onderwijs aanpassen aan de beginsituatie van de leerlingen',
     'Adapting teaching to the learners'' starting point',
     ['V1', 'V2', 'V3', 'V4'], 1),
    (4, 'didactics', 'DID2',
     'Didactiek aanpassen aan de diversiteit in de klas',
     'Adapting didactics to the diversity in the class',
     ['V1', 'V2', 'V3', 'V4'], 2),
    (5, 'didactics', 'DID3',
     'Verschillende didactische werkvormen kennen en gebruiken',
     'Knowing and using a range of teaching methods',
     ['V1', 'V2', 'V3', 'V4'], 3),
    (6, 'didactics', 'DID4',
     'Coachend vaardig zijn',
     'Coaching learners',
     ['V1', 'V2', 'V3', 'V4'], 4),
    (7, 'didactics', 'DID5',
     'Klasmanagement vormgeven (plannen, organiseren, coördineren, leidinggeven)',
     'Classroom management (planning, organising, coordinating, leading)',
     ['V1', 'V2', 'V3', 'V4'], 5),
    (8, 'didactics', 'DID6',
     'Leerprestaties van leerlingen evalueren',
     'Assessing learners'' performance',
     ['V1', 'V2', 'V3', 'V4'], 6),
    (9, 'didactics', 'DID7',
     'Op verschillende manieren breed evalueren',
     'Broad assessment in several ways',
     ['V1', 'V2', 'V3', 'V4'], 7),
    (10, 'technology', 'ICT1',
     'ICT-mogelijkheden uitproberen',
     'Trying out what ICT makes possible',
     ['D1', 'V3', 'V4'], 1),
    (11, 'technology', 'ICT2',
     'Belangrijke ICT-ontwikkelingen opvolgen',
     'Following important developments in ICT',
     ['D1', 'V3', 'V4'], 2),
    (12, 'technology', 'ICT3',
     'Werken aan ICT-vaardigheden en digitale geletterdheid',
     'ICT skills and digital literacy',
     ['D1', 'V3', 'V4'], 3),
    (13, 'technology', 'ICT4',
     'Eigen ICT-problemen kunnen oplossen',
     'Solving one''s own ICT problems',
     ['D1', 'V3', 'V4'], 4),
    (14, 'school_organisation', 'ORG1',
     'Onthaal en bereikbaarheid',
     'Welcome and being reachable',
     ['R1', 'R2', 'R3', 'R4', 'R5', 'BL1', 'BL2', 'BL3', 'BL4', 'BL5', 'BL6'], 1),
    (15, 'school_organisation', 'ORG2',
     '(Vakoverschrijdende) teamwerking',
     '(Cross-curricular) teamwork',
     ['R1', 'R2', 'R3', 'R4', 'R5', 'BL1', 'BL2', 'BL3', 'BL4', 'BL5', 'BL6'], 2),
    (16, 'school_organisation', 'ORG3',
     'Domeinoverschrijdend werken',
     'Working across domains',
     ['R1', 'R2', 'R3', 'R4', 'R5', 'BL1', 'BL2', 'BL3', 'BL4', 'BL5', 'BL6'], 3),
    (17, 'school_organisation', 'ORG4',
     'Horizontale en verticale samenhang',
     'Horizontal and vertical coherence',
     ['R1', 'R2', 'R3', 'R4', 'R5', 'BL1', 'BL2', 'BL3', 'BL4', 'BL5', 'BL6'], 4),
    (18, 'school_organisation', 'ORG5',
     'Communicatie en agogische vaardigheden',
     'Communication and people skills',
     ['R1', 'R2', 'R3', 'R4', 'R5', 'BL1', 'BL2', 'BL3', 'BL4', 'BL5', 'BL6'], 5),
    (19, 'school_organisation', 'ORG6',
     'Vergadertechnieken',
     'Running meetings',
     ['R1', 'R2', 'R3', 'R4', 'R5', 'BL1', 'BL2', 'BL3', 'BL4', 'BL5', 'BL6'], 6),
    (20, 'school_organisation', 'ORG7',
     'Pedagogische coördinatie',
     'Pedagogical coordination',
     ['R1', 'R2', 'R3', 'R4', 'R5', 'BL1', 'BL2', 'BL3', 'BL4', 'BL5', 'BL6'], 7),
    (21, 'school_organisation', 'ORG8',
     'Projectcoördinatie',
     'Project coordination',
     ['R1', 'R2', 'R3', 'R4', 'R5', 'BL1', 'BL2', 'BL3', 'BL4', 'BL5', 'BL6'], 8),
    (22, 'school_policy', 'BEL1',
     'Kennis van beleidsvormen en managementtechnieken (leerkrachtenbegeleiding, leerlingenevaluatie, schoolevaluatie, gebouwen, veiligheid, beheer)',
     'Knowledge of policy and management (supporting teachers, assessment policy, school evaluation, buildings, safety, administration)',
     ['K2', 'BL7', 'BL8', 'BL9', 'BL10', 'BL11', 'BL12'], 1),
    (23, 'school_policy', 'BEL2',
     'Kwaliteitszorg, cyclische aanpak',
     'Quality assurance, a cyclical approach',
     ['K2', 'BL7', 'BL8', 'BL9', 'BL10', 'BL11', 'BL12'], 2),
    (24, 'school_policy', 'BEL3',
     'Profilering en imago (PR)',
     'Profile and public image (PR)',
     ['K2', 'BL7', 'BL8', 'BL9', 'BL10', 'BL11', 'BL12'], 3);
