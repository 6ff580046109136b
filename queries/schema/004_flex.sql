-- 004: composing flex groups. Which classes may join a session, the learners' own ranked choices
-- for a cycle, and what the optimiser reported for a plan.

-- Sessions open to some classes only (null: every class of its years of study).
alter table flex_session add column class_codes varchar[];

-- A learner's own wishes for a cycle, ranked (1 = first choice): a kind of flex hour, with a
-- subject (remediation, deepening) or a title (broadening, e.g. 'Debat').
create table flex_choice (
    cycle_id        integer not null,               -- -> flex_cycle
    learner_id      integer not null,               -- -> learner
    rank            smallint not null check (rank between 1 and 5),
    kind            varchar not null check (kind in ('remediation', 'deepening', 'broadening')),
    subject_id      varchar,                        -- -> subject
    title           varchar,
    created_at      timestamp not null default current_timestamp,
    primary key (cycle_id, learner_id, rank)
);

-- What the composition reported, kept with the plan it made.
alter table flex_plan add column objective double;
alter table flex_plan add column bound double;
alter table flex_plan add column gap double;
alter table flex_plan add column seconds double;
alter table flex_plan add column report varchar;    -- JSON: unmet decisions, counts, messages

-- A placement moved by hand: who, and when (the next composition keeps locked placements).
alter table flex_assignment add column moved_by varchar;
alter table flex_assignment add column moved_at timestamp;

create table undo_flex_choice as select null::integer as import_id, null::varchar as op, * from flex_choice where false;
