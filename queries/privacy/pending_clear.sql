-- Erasure finished in every copy: forget these learners' numbers; returns how many rows.
-- params: $external_ids (VARCHAR[])
delete from privacy_pending
where external_id in (select unnest($external_ids::varchar[]))
