-- A proposal becomes the next published version of its cycle; returns the version number
-- (no row when the plan is no longer a proposal: someone published it meanwhile).
-- params: $plan_id (INTEGER), $published_by (VARCHAR), $published_at (TIMESTAMP)
update flex_plan
set status = 'published',
    version = 1 + (
        select coalesce(max(version), 0)
        from flex_plan as other
        where other.cycle_id = flex_plan.cycle_id
            and other.status = 'published'
    ),
    published_by = $published_by,
    published_at = $published_at
where plan_id = $plan_id
    and status = 'proposal'
returning version
