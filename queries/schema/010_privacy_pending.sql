-- Erasures not yet finished everywhere (app/privacy.py). The erasure's own transaction records
-- the erased learners here; their numbers stay only until every copy Flexwijs made (backups,
-- files kept by a restore) has been rewritten without them. Then these rows go and the file
-- itself is rewritten, so the numbers leave the disk with the rest. A process killed halfway
-- finds them on its next start and finishes the work.
create table privacy_pending (
    learner_id      integer not null,
    external_id     varchar not null,
    erased_at       timestamp not null default current_timestamp
);
