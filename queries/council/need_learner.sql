-- Whose need this is (to read it again through the viewer's scope before changing it).
-- params: $need_id (INTEGER)
select need_id, learner_id
from need
where need_id = $need_id
