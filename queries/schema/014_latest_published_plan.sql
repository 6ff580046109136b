-- 014: "the latest published version of a cycle" had a second and third spelling in the flex
-- board's fill levels and in the composition's history. One scalar macro now answers it, and
-- published_plans (009, used by progress, the class overview, the timeline and the
-- self-assessment) is built on it, so every reader asks the same question the same way.

create macro latest_published_plan(p_cycle_id) as (
    select max_by(p.plan_id, p.version)
    from flex_plan as p
    where p.cycle_id = p_cycle_id
        and p.status = 'published'
);

create or replace macro published_plans(p_school_year) as table
    with cycles as (
        select c.cycle_id, c.seq, min(w.monday) as first_monday
        from flex_cycle as c
        join flex_cycle_week as cw using (cycle_id)
        join week as w using (week_id)
        where c.school_year_id = p_school_year
        group by all
    ),
    latest as (
        select c.*, latest_published_plan(c.cycle_id) as plan_id
        from cycles as c
    )
    select cycle_id, seq, first_monday, plan_id
    from latest
    where plan_id is not null;
