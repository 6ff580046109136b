-- 008: the team's own tools. The flex self-assessment (kijkwijzer flexwerking) with its eleven
-- desired effects and their indicators, rounds of scores and decisions; the register of teacher
-- leaders (roles, responsibilities with estimated hours, holders with released hours); and
-- work-coaching trajectories (traject werkbegeleiding) with goals, visits, self-assessments,
-- the adviser's ratings and the final report.
--
-- Depends on 001 and 002 only. As there, no foreign keys: references are "-> table" comments.
-- Coaching data is confidential: only the three parties of a trajectory (teacher, adviser,
-- commissioning manager) see it, through the table macro visible_trajectories below.

-- The self-assessment (kijkwijzer flexwerking) -------------------------------------------------

create table kw_effect (
    effect_id       smallint primary key,           -- 1..11, in the order of the checklist
    text_nl         varchar not null,
    text_en         varchar not null
);

create table kw_indicator (
    indicator_id    smallint primary key,           -- 101, 102, ...: effect * 100 + seq
    effect_id       smallint not null,  -- -> kw_effect
    seq             smallint not null,
    text_nl         varchar not null,
    text_en         varchar not null,
    evidence        varchar,                        -- query under queries/team/selfcheck/evidence_*
    unique (effect_id, seq)
);

create sequence kw_round_id_seq;
create table kw_round (
    round_id        integer primary key default nextval('kw_round_id_seq'),
    held_on         date not null,
    participants    varchar not null,               -- who took part, as written by the school
    created_by      integer,                        -- -> app_user
    created_at      timestamp not null default current_timestamp
);

create table kw_score (
    round_id        integer not null,  -- -> kw_round
    indicator_id    smallint not null,  -- -> kw_indicator
    score           smallint check (score between 1 and 4),
    decision        varchar check (decision in ('drop', 'adjust', 'secure')),   -- bannen, bijsturen, borgen
    note            varchar,
    owner           varchar,                        -- who takes up the follow-up
    primary key (round_id, indicator_id)
);

insert into kw_effect values
(1, 'Op basis van een sterke beeldvorming worden leerlingen toegeleid naar een bepaalde invulling van flexuren',
    'Based on a strong picture of each learner, learners are routed to a particular use of flex hours'),
(2, 'Leerlingen weten waarom ze in de flexuren zitten en wat van hen wordt verwacht',
    'Learners know why they are in the flex hours and what is expected of them'),
(3, 'Ouders weten waarom hun kinderen in de flexuren zitten en wat de concrete invulling ervan is',
    'Parents know why their children are in the flex hours and what they concretely involve'),
(4, 'De flexuren zijn zo georganiseerd dat ze een positieve impact hebben op de leerwinst van onze leerlingen',
    'The flex hours are organised so that they have a positive impact on our learners'' learning gains'),
(5, 'De flexuren zijn zo georganiseerd dat ze een positieve impact hebben op de ontwikkeling van zelfregulerende vaardigheden van onze leerlingen',
    'The flex hours are organised so that they have a positive impact on the development of our learners'' self-regulation skills'),
(6, 'De flexuren zijn zo georganiseerd dat ze een positieve impact hebben op de leermotivatie van onze leerlingen',
    'The flex hours are organised so that they have a positive impact on our learners'' motivation to learn'),
(7, 'We hebben een systeem om de leerwinst op te volgen',
    'We have a system to follow up learning gains'),
(8, 'We hebben een systeem om de ontwikkeling van de zelfregulerende vaardigheden op te volgen',
    'We have a system to follow up the development of self-regulation skills'),
(9, 'We hebben een systeem om het welbevinden van leerlingen op te volgen',
    'We have a system to follow up the well-being of learners'),
(10, 'Leerkrachten zijn gemotiveerd om samen aan de invulling, begeleiding en opvolging van flexuren te werken',
    'Teachers are motivated to work together on the content, guidance and follow-up of flex hours'),
(11, 'We hebben een systeem om het welbevinden van leerkrachten op te volgen',
    'We have a system to follow up the well-being of teachers');

insert into kw_indicator values
(101, 1, 1, 'Vanuit delibererende en begeleidende klassenraden worden de noden van de leerlingen in kaart gebracht',
    'Deliberating and guiding class councils map the learners'' needs', 'council_needs'),
(102, 1, 2, 'Leerlingen brengen hun noden zelf in kaart op basis van begeleide zelfreflectie (bijv. op basis van leerresultaten en feedback)',
    'Learners map their own needs through guided self-reflection (e.g. based on learning results and feedback)', 'self_reflection'),
(103, 1, 3, 'De toeleiding van leerlingen naar flexuren gebeurt op basis van afwegingen en overleg. De school heeft hier afspraken rond.',
    'Learners are routed to flex hours by weighing and consultation. The school has agreements on this.', 'routing_reasons'),
(104, 1, 4, 'Vakleerkrachten informeren flexleerkrachten over de invulling van de flexuren (indien vakleerkrachten en flexleerkrachten verschillend zijn)',
    'Subject teachers inform flex teachers about the content of the flex hours (if subject teachers and flex teachers are different people)', 'subject_teacher_needs'),
(201, 2, 1, 'Op een toegankelijke locatie worden het doel en de aanpak van flexuren helder beschreven',
    'The aim and approach of flex hours are clearly described in an accessible place', null),
(202, 2, 2, 'De verwachtingen en de aanpak binnen de flexuren worden met de leerlingen besproken',
    'The expectations and the approach within the flex hours are discussed with the learners', 'feed_up'),
(203, 2, 3, 'Verandering van flexinvulling wordt gecommuniceerd aan de leerlingen (bijv. tijdens coachingsgesprekken)',
    'A change of flex group is communicated to the learners (e.g. during coaching talks)', 'changes_announced'),
(204, 2, 4, 'Gedurende de flexwerking krijgen de leerlingen regelmatig feedback over hun vorderingen',
    'During flex work, learners regularly get feedback on their progress', 'feedback_per_month'),
(301, 3, 1, 'Op een toegankelijke locatie worden het doel en de aanpak van flexuren helder beschreven',
    'The aim and approach of flex hours are clearly described in an accessible place', null),
(302, 3, 2, 'De ouders weten dat flexuren kunnen ingevuld worden via remediëring, verdieping of verbreding (we vermijden stigmatisering!)',
    'Parents know that flex hours can take the form of remediation, deepening or broadening (we avoid stigmatisation!)', null),
(303, 3, 3, 'Verandering van flexinvulling wordt gecommuniceerd aan de ouders (bijv. via het rapport)',
    'A change of flex group is communicated to the parents (e.g. through the report)', 'changes_announced'),
(401, 4, 1, 'De leerlingen weten tijdens de flexuren heel goed waaraan ze moeten werken, hoe ze dit moeten doen en wanneer het goed is (feed up)',
    'During the flex hours, learners know very well what to work on, how to do it and when it is good enough (feed up)', 'feed_up'),
(402, 4, 2, 'De leerlingen krijgen heel regelmatig feedback en feed forward',
    'Learners get feedback and feed forward very regularly', 'feed_forward'),
(501, 5, 1, 'Tijdens de flexuren wordt aandacht besteed aan de ontwikkeling van leercompetenties (o.a. ontwikkeling van zelfregulatie)',
    'During the flex hours, attention is paid to developing learning competences (including self-regulation)', null),
(601, 6, 1, 'Tijdens de flexuren kunnen leerlingen ook zelf keuzes maken (bijv. niet steeds remediëring)',
    'During the flex hours, learners can also make their own choices (e.g. not always remediation)', 'own_choice'),
(701, 7, 1, 'Via een online tool (bijv. Google doc, Skore in SS) wordt overzicht gehouden van de vorderingen van de leerlingen',
    'An online tool (e.g. a Google doc, Skore in Smartschool) keeps an overview of the learners'' progress', 'results_followed'),
(702, 7, 2, 'Via rapporten is de evolutie in leerresultaten goed zichtbaar (zie vooral de feedback en feed forward)',
    'Reports show the evolution of learning results clearly (see especially the feedback and feed forward)', null),
(801, 8, 1, 'Via het leerlingvolgsysteem wordt overzicht gehouden van de vorderingen van de leerlingen',
    'The learner tracking system keeps an overview of the learners'' progress', null),
(802, 8, 2, 'Via rapporten is de evolutie in zelfregulerende vaardigheden goed zichtbaar (zie vooral de feedback en feed forward)',
    'Reports show the evolution of self-regulation skills clearly (see especially the feedback and feed forward)', null),
(901, 9, 1, 'Leerlingen bespreken op regelmatige basis hun leerproces met een vaste coach',
    'Learners regularly discuss their learning process with a fixed coach', null),
(902, 9, 2, 'We houden op regelmatige basis gerichte bevragingen',
    'We regularly hold targeted surveys', 'wellbeing_learners'),
(1001, 10, 1, 'Leerkrachten hebben kennisgemaakt met voorbeelden van good practice van flexwerking (waar werkt het – contact met non-believers die nu believers geworden zijn – overtuigende leerresultaten)',
    'Teachers have seen examples of good practice of flex work (where it works – contact with non-believers who have become believers – convincing learning results)', null),
(1002, 10, 2, 'Leerkrachten hebben binnen de werkuren ruimte voor overleg en afstemming',
    'Teachers have room for consultation and coordination within working hours', null),
(1003, 10, 3, 'Het werk is beheersbaar voor het flexteam (bijv. vaste momenten en/of procedures hanteren om leerlingen te laten wisselen van groep)',
    'The work is manageable for the flex team (e.g. fixed moments and/or procedures for learners to switch groups)', 'fixed_switching'),
(1004, 10, 4, 'Successen worden gevierd',
    'Successes are celebrated', null),
(1005, 10, 5, 'Co- en teamteaching faciliteren een meer doorgedreven flexwerking',
    'Co-teaching and team teaching enable more thorough flex work', null),
(1101, 11, 1, 'Er zijn regelmatig informele gesprekken tussen schoolleiding en flexleerkrachten om te polsen naar hun ervaringen en welbevinden',
    'There are regular informal talks between school leaders and flex teachers to sound out their experiences and well-being', 'wellbeing_staff'),
(1102, 11, 2, 'Aan de noden van de flexleerkrachten wordt vanuit de schoolleiding goed tegemoetgekomen (bijv. ruimte voor professionalisering)',
    'School leaders meet the needs of the flex teachers well (e.g. room for professional development)', null);

-- Teacher leaders ---------------------------------------------------------------------------------

create sequence tl_role_id_seq;
create table tl_role (
    role_id         integer primary key default nextval('tl_role_id_seq'),
    code            varchar not null unique,        -- 'grade_coordinator', or the school's own
    name_nl         varchar not null,
    name_en         varchar not null,
    ask_for         varchar                         -- whom to ask for what: 'vragen over ...'
);

create sequence tl_task_id_seq;
create table tl_task (
    task_id         integer primary key default nextval('tl_task_id_seq'),
    role_id         integer not null,  -- -> tl_role
    text            varchar not null,               -- one responsibility
    estimated_hours decimal(5, 2) not null check (estimated_hours >= 0 and estimated_hours <= 40)
);

create table tl_holder (
    role_id         integer not null,  -- -> tl_role
    staff_id        integer not null,  -- -> staff
    released_hours  decimal(5, 2) not null default 0 check (released_hours >= 0 and released_hours <= 40),
    primary key (role_id, staff_id)
);

insert into tl_role (code, name_nl, name_en, ask_for) values
('grade_coordinator', 'Graadcoördinator', 'Grade coordinator', 'Organisatie en afspraken van de graad'),
('care_coordinator', 'Zorgcoördinator', 'Care coordinator', 'Leerlingen met zorgnoden, redelijke aanpassingen'),
('mentor', 'Mentor', 'Mentor', 'Begeleiding van starters en nieuwe collega''s'),
('subject_team_chair', 'Voorzitter vakgroep', 'Subject-team chair', 'Afspraken, leerplannen en materiaal van de vakgroep'),
('ict_coordinator', 'ICT-coördinator', 'ICT coordinator', 'Toestellen, accounts, Smartschool'),
('policy_support', 'Beleidsondersteuner', 'Policy support', 'Schoolbeleid, planning, professionalisering'),
('flex_coordinator', 'Flexcoördinator', 'Flex coordinator', 'Flexuren: aanbod, groepen, wissels');

-- Work-coaching trajectories (traject werkbegeleiding) -----------------------------------------

create sequence wb_trajectory_id_seq;
create table wb_trajectory (
    trajectory_id   integer primary key default nextval('wb_trajectory_id_seq'),
    teacher_user_id integer not null,  -- -> app_user: the teacher being coached
    adviser_user_id integer not null,  -- -> app_user: the adviser (begeleider)
    manager_user_id integer not null,  -- -> app_user: the commissioning manager (opdrachtgever)
    starts_on       date not null,
    ends_on         date not null,
    status          varchar not null default 'intake' check (status in (
        'intake', 'diagnosis', 'coaching', 'final_report', 'closed', 'stopped', 'escalated'
    )),
    reason          varchar,                        -- aanleiding: concerns and wishes
    goals_fixed_at  timestamp,                      -- goals fixed after the diagnostic visit
    goals_fixed_by  varchar,                        -- who confirmed them (name, as shown)
    created_at      timestamp not null default current_timestamp,
    closed_at       timestamp,
    check (starts_on <= ends_on),
    check (teacher_user_id <> adviser_user_id and teacher_user_id <> manager_user_id)
);

create sequence wb_goal_id_seq;
create table wb_goal (
    goal_id         integer primary key default nextval('wb_goal_id_seq'),
    trajectory_id   integer not null,  -- -> wb_trajectory
    seq             smallint not null check (seq between 1 and 15),
    text            varchar not null,
    domain          varchar not null check (domain in ('pedagogical', 'organisational', 'didactic')),
    origin          varchar not null check (origin in ('need', 'wish')),
    reached         varchar check (reached in ('reached', 'partly', 'not_reached')),
    unique (trajectory_id, seq)
);

create sequence wb_visit_id_seq;
create table wb_visit (
    visit_id        integer primary key default nextval('wb_visit_id_seq'),
    trajectory_id   integer not null,  -- -> wb_trajectory
    kind            varchar not null check (kind in ('diagnostic', 'coaching')),
    seq             smallint not null,              -- 0 for the diagnostic visit, 1..5 after
    planned_on      date not null,
    announced       boolean not null default true,
    held            boolean not null default false,
    talk_on         date,                           -- the feedback talk
    reflection      varchar,                        -- the teacher's reflection, as noted
    advice          varchar,                        -- the adviser's concrete advice
    unique (trajectory_id, seq),
    check (kind = 'diagnostic' and seq = 0 or kind = 'coaching' and seq between 1 and 5)
);

-- Before every talk the teacher assesses themself per goal; after the visit the adviser rates.
create table wb_rating (
    visit_id        integer not null,  -- -> wb_visit
    goal_id         integer not null,  -- -> wb_goal
    by_whom         varchar not null check (by_whom in ('self', 'adviser')),
    score           smallint not null check (score between 1 and 4),
    note            varchar,
    primary key (visit_id, goal_id, by_whom)
);

create table wb_report (
    trajectory_id   integer primary key,  -- -> wb_trajectory
    results         varchar,                        -- resultaten; mate waarin doelen bereikt zijn
    course          varchar,                        -- verloop proces
    attention       varchar,                        -- aandachtspunten voor de toekomst
    further         varchar,                        -- noodzaak van verdere begeleiding
    follow_up       varchar,                        -- noodzaak vervolgstappen
    updated_at      timestamp not null default current_timestamp
);

-- The trajectories a user may open: those where they are the teacher, the adviser or the
-- commissioning manager. Nobody else, whatever their role.
create macro visible_trajectories(p_user) as table
    select trajectory_id
    from wb_trajectory
    where p_user is not null
        and p_user in (teacher_user_id, adviser_user_id, manager_user_id);
