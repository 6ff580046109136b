-- 009: the latest published version of each flex cycle of a school year, with the cycle's
-- number and first Monday. Progress, the class overview, the timeline and the self-assessment's
-- evidence all ask this; one definition keeps them answering alike.
create macro published_plans(p_school_year) as table
    with cycles as (
        select c.cycle_id, c.seq, min(w.monday) as first_monday
        from flex_cycle as c
        join flex_cycle_week as cw using (cycle_id)
        join week as w using (week_id)
        where c.school_year_id = p_school_year
        group by all
    )
    select
        c.cycle_id,
        c.seq,
        c.first_monday,
        max_by(p.plan_id, p.version) as plan_id
    from cycles as c
    join flex_plan as p using (cycle_id)
    where p.status = 'published'
    group by all;
