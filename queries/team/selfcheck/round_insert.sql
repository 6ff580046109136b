-- A new round of the self-assessment; returns its id.
-- params: $held_on (DATE), $participants (VARCHAR), $user_id (INTEGER, who created it)
insert into kw_round (held_on, participants, created_by)
values ($held_on, $participants, $user_id)
returning round_id
