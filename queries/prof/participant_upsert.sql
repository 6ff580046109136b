-- A staff member takes part in an initiative (through a request, or added by the director).
-- params: $initiative_id (INTEGER), $staff_id (INTEGER), $request_id (INTEGER),
-- $attended (BOOLEAN)
insert into prof_participant (initiative_id, staff_id, request_id, attended)
values ($initiative_id, $staff_id, $request_id, $attended)
on conflict (initiative_id, staff_id) do update set
    request_id = coalesce(excluded.request_id, prof_participant.request_id),
    attended = excluded.attended or prof_participant.attended
