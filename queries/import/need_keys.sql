-- Needs by their natural key (learner, subject, kind, source, start), so a re-import updates
-- them instead of adding them twice.
select
    learner_id,
    subject_id,
    kind,
    source,
    valid_from,
    need_id
from need
where ended_at is null
