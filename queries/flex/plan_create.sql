-- A new plan row (its assignments follow in the same transaction).
-- params: $plan_id (INTEGER), $cycle_id (INTEGER), $created_by (VARCHAR), $objective (DOUBLE),
--         $bound (DOUBLE), $gap (DOUBLE), $seconds (DOUBLE), $report (VARCHAR, JSON)
insert into flex_plan (plan_id, cycle_id, status, version, created_by, objective, bound, gap,
                       seconds, report)
values ($plan_id, $cycle_id, 'proposal', 0, $created_by, $objective, $bound, $gap, $seconds,
        $report)
