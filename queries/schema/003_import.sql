-- 003: imports. Saved column mappings per export, and the undo journal: for every table an import
-- may change, a shadow table with the rows as they were before ('update') or the keys of rows
-- the import added ('insert'), so the last import can be undone exactly.

create table import_mapping (
    kind            varchar not null,
    signature       varchar not null,               -- hash of the export's header row
    mapping         varchar not null,               -- JSON: field -> column header
    saved_by        integer,
    saved_at        timestamp not null default current_timestamp,
    primary key (kind, signature)
);

alter table import_log add column source varchar;  -- 'smartschool', 'google_forms', ...
alter table import_log add column undone_at timestamp;

-- A later export of the same form (same questions) adds its new respondents to the same survey.
alter table survey add column signature varchar;
-- How a respondent is recognised in its export (Forms ID, LimeSurvey id, or a hash of the
-- timestamp and e-mail), so the same response is never stored twice.
alter table survey_respondent add column source_key varchar;

create table undo_class as select null::integer as import_id, null::varchar as op, * from class where false;
create table undo_learner as select null::integer as import_id, null::varchar as op, * from learner where false;
create table undo_enrolment as select null::integer as import_id, null::varchar as op, * from enrolment where false;
create table undo_staff as select null::integer as import_id, null::varchar as op, * from staff where false;
create table undo_staff_role as select null::integer as import_id, null::varchar as op, * from staff_role where false;
create table undo_subject as select null::integer as import_id, null::varchar as op, * from subject where false;
create table undo_result as select null::integer as import_id, null::varchar as op, * from result where false;
create table undo_need as select null::integer as import_id, null::varchar as op, * from need where false;
create table undo_flex_slot as select null::integer as import_id, null::varchar as op, * from flex_slot where false;
create table undo_flex_session as select null::integer as import_id, null::varchar as op, * from flex_session where false;
create table undo_survey as select null::integer as import_id, null::varchar as op, * from survey where false;
create table undo_survey_respondent as select null::integer as import_id, null::varchar as op, * from survey_respondent where false;

-- A survey's questions with the scale their answers were placed on (Likert questions), so charts
-- and placements of unknown labels know the scale.
create table survey_question (
    survey_id       integer not null,               -- -> survey
    question_no     smallint not null,
    question        varchar not null,
    question_type   varchar not null check (question_type in ('scale', 'choice', 'multi', 'text', 'number')),
    scale_name      varchar,                        -- 'agreement5', 'frequency5', 'numeric', ...
    scale_min       double,
    scale_max       double,
    primary key (survey_id, question_no)
);
create table undo_survey_question as select null::integer as import_id, null::varchar as op, * from survey_question where false;

-- How an answer label was placed on a scale for one survey and question (the user's choice for a
-- label Flexwijs did not know), so re-imports of the same survey place it the same way.
create table survey_label (
    survey_id       integer not null,
    question_no     smallint not null,
    label           varchar not null,
    value           double,                         -- null: not on the scale
    primary key (survey_id, question_no, label)
);

-- Survey answers are added per respondent and never updated: undo deletes the answers of the
-- respondents an import added (undo_survey_respondent, op 'insert').
create index survey_answer_respondent on survey_answer (survey_id, respondent_id);
