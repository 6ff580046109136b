-- The id of a visit of a trajectory by its number (0: the diagnostic visit).
-- params: $trajectory_id (INTEGER), $seq (SMALLINT)
select visit_id
from wb_visit
where trajectory_id = $trajectory_id
    and seq = $seq
