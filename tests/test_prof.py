"""Professional development: the rules on hand-made data (allocation key to the cent, the
request state machine, warnings, gaps, Guskey depth), the write paths on the demo school
(requests with concurrency, budget, imports, report) and the pages as each role uses them."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pandas as pd
import pytest

from app import auth
from app.auth import COMMAND_LINE
from app.errors import AccessDenied, UserError, WriteConflict
from app.i18n import Translator
from app.importing import pipeline
from app.prof import budget, competences, plan, report, requests, rules
from app.prof.rules import KeyLine, PotMoney, Staff
from tests.conftest import PROJECT_ROOT, TODAY, app_test, demo_user_id

NL = Translator("nl")
YEAR = "2026-2027"
SAMPLES = PROJECT_ROOT / "data" / "samples"
D = Decimal


# -- the allocation key ------------------------------------------------------------------------

@pytest.mark.parametrize("total, weights", [
    ("100.00", ["1", "1", "1"]),
    ("0.05", ["1", "1", "1", "1", "1", "1", "1"]),
    ("12950.00", ["22", "18.5", "8", "22", "13"]),
    ("999.99", ["0.3333", "0.3333", "0.3334"]),
    ("1.00", ["1"]),
])
def test_split_adds_up_to_the_total_to_the_cent(total, weights):
    parts = rules.split(D(total), [D(w) for w in weights])
    assert sum(parts) == D(total)
    assert all(p == p.quantize(D("0.01")) and p >= 0 for p in parts)
    # No part is more than a cent away from its exact share.
    exact = [D(total) * D(w) / sum(D(x) for x in weights) for w in weights]
    assert all(abs(p - e) < D("0.01") for p, e in zip(parts, exact, strict=True))


def test_split_gives_leftover_cents_to_the_largest_remainders_first():
    assert rules.split(D("100.00"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]


def test_pro_rata_and_target_pots_sum_exactly_to_the_budget():
    staff = [Staff(1, D("1")), Staff(2, D("0.5")), Staff(3, D("0.8181818")), Staff(4, D("0"))]
    lines = [KeyLine("pro_rata", "", D("33.33")), KeyLine("school", "", D("33.33")),
             KeyLine("subject_team", "Wiskunde", D("20")), KeyLine("grade", "1", D("13.34"))]
    pots = rules.allocate(D("10000.01"), lines, staff)
    assert sum(pots.values()) == D("10000.01")
    assert ("individual", "4") not in pots          # no assignment, no pro-rata share
    individual = {k: v for k, v in pots.items() if k[0] == "individual"}
    assert sum(individual.values()) == rules.split(D("10000.01"), [D("33.33"), D("33.33"),
                                                                   D("20"), D("13.34")])[0]
    assert individual[("individual", "1")] > individual[("individual", "3")] > \
        individual[("individual", "2")]


def test_two_lines_for_one_target_make_one_pot():
    pots = rules.allocate(D("1000"), [KeyLine("individual", "7", D("50")),
                                      KeyLine("pro_rata", "", D("50"))], [Staff(7, D(1))])
    assert pots == {("individual", "7"): D("1000.00")}


@pytest.mark.parametrize("lines, key", [
    ([], "prof.error.key_empty"),
    ([KeyLine("school", "", D("99.99"))], "prof.error.key_total"),
    ([KeyLine("school", "", D("60")), KeyLine("school", "", D("40.01"))], "prof.error.key_total"),
    ([KeyLine("subject_team", " ", D("100"))], "prof.error.key_target"),
    ([KeyLine("school", "", D("0")), KeyLine("school", "", D("100"))], "prof.error.key_percent"),
    ([KeyLine("planet", "", D("100"))], "prof.error.key_kind"),
])
def test_a_bad_key_is_refused_with_the_line_named(lines, key):
    with pytest.raises(UserError) as error:
        rules.allocate(D("1000"), lines, [Staff(1, D(1))])
    assert error.value.key == key


# -- the state machine ---------------------------------------------------------------------------

ALL_PAIRS = [(a, b) for a in rules.STATES for b in rules.STATES if a != b]


@pytest.mark.parametrize("frm, to", ALL_PAIRS)
def test_only_the_steps_of_the_machine_exist(frm, to):
    legal = (frm, to) in rules.STEPS
    if legal:
        rules.check_step(frm, to, {"owner", "director"})
    else:
        with pytest.raises(UserError, match="step_illegal"):
            rules.check_step(frm, to, {"owner", "director"})


@pytest.mark.parametrize("to", ["approved", "refused"])
def test_only_the_director_decides(to):
    with pytest.raises(UserError, match="step_not_yours"):
        rules.check_step("submitted", to, {"owner"})
    rules.check_step("submitted", to, {"director"})


def test_no_skipping_and_strangers_take_no_step():
    with pytest.raises(UserError, match="step_illegal"):
        rules.check_step("draft", "approved", {"director"})
    with pytest.raises(UserError, match="step_illegal"):
        rules.check_step("approved", "evaluated", {"director"})
    with pytest.raises(UserError, match="step_not_yours"):
        rules.check_step("draft", "submitted", set())
    assert rules.next_states("submitted", {"owner"}) == ["draft"]
    assert set(rules.next_states("submitted", {"director"})) == {"draft", "approved", "refused"}
    assert rules.next_states("refused", {"owner", "director"}) == []


# -- warnings ------------------------------------------------------------------------------------

START, END = dt.date(2026, 9, 1), dt.date(2027, 6, 30)


def test_overspending_is_warned_per_pot_and_for_the_whole_budget():
    pots = [PotMoney("A", D("100"), D("80"), D("30")), PotMoney("B", D("100"), D(0), D(0))]
    found = rules.warnings(pots, dt.date(2026, 11, 23), START, END)
    assert found == [("prof.warn.pot_over", {"pot": "A", "over": D("10")})]
    pots = [PotMoney("A", D("100"), D("80"), D("130"))]
    keys = [k for k, _ in rules.warnings(pots, dt.date(2026, 11, 23), START, END)]
    assert keys == ["prof.warn.pot_over", "prof.warn.total_over"]


def test_money_left_is_warned_only_as_the_year_end_nears():
    pots = [PotMoney("A", D("1000"), D("100"), D("100"))]
    assert rules.warnings(pots, dt.date(2026, 11, 23), START, END) == []
    found = rules.warnings(pots, dt.date(2027, 5, 1), START, END)
    assert found == [("prof.warn.unspent", {"left": D("800"), "days": 60})]
    spent = [PotMoney("A", D("1000"), D("300"), D("600"))]
    assert rules.warnings(spent, dt.date(2027, 5, 1), START, END) == []


# -- gaps ----------------------------------------------------------------------------------------

def test_present_level_is_the_latest_and_an_appraisal_wins_on_the_same_day():
    day = dt.date(2026, 10, 1)
    assert rules.present_level([
        {"source": "self", "level": 4, "assessed_on": day},
        {"source": "appraisal", "level": 2, "assessed_on": day}]) == 2
    assert rules.present_level([
        {"source": "appraisal", "level": 2, "assessed_on": day},
        {"source": "self", "level": 3, "assessed_on": day + dt.timedelta(days=1)}]) == 3
    assert rules.present_level([]) is None


def test_needed_level_is_the_highest_that_applies():
    needs = [{"target_kind": "school", "target": "", "level": 2},
             {"target_kind": "role", "target": "mentor", "level": 3},
             {"target_kind": "subject_team", "target": "Wiskunde", "level": 4},
             {"target_kind": "grade", "target": "2", "level": 1}]
    assert rules.needed_level(needs, ["teacher"], "Frans", [1]) == 2
    assert rules.needed_level(needs, ["mentor"], "Frans", [2]) == 3
    assert rules.needed_level(needs, [], "Wiskunde", []) == 4
    assert rules.needed_level(needs[3:], [], "Frans", [1]) is None


def test_gap_matrix_turns_gaps_into_needs_per_person_team_and_school():
    people = pd.DataFrame([
        {"staff_id": 1, "name": "A", "subject_team": "Wiskunde", "roles": ["teacher"],
         "grades": [1], "teams": []},
        {"staff_id": 2, "name": "B", "subject_team": "Wiskunde", "roles": ["mentor"],
         "grades": [1], "teams": []},
        {"staff_id": 3, "name": "C", "subject_team": "Frans", "roles": ["teacher"],
         "grades": [2], "teams": []},
    ])
    comps = pd.DataFrame([{"competence_id": 10, "code": "DID2", "is_active": True},
                          {"competence_id": 11, "code": "DID4", "is_active": True},
                          {"competence_id": 12, "code": "OLD", "is_active": False}])
    needs = pd.DataFrame([{"competence_id": 10, "target_kind": "school", "target": "", "level": 3},
                          {"competence_id": 11, "target_kind": "role", "target": "mentor",
                           "level": 3},
                          {"competence_id": 12, "target_kind": "school", "target": "",
                           "level": 4}])
    day = dt.date(2026, 10, 1)
    levels = pd.DataFrame([
        {"staff_id": 1, "competence_id": 10, "source": "self", "level": 1, "assessed_on": day},
        {"staff_id": 2, "competence_id": 10, "source": "self", "level": 3, "assessed_on": day},
        {"staff_id": 2, "competence_id": 11, "source": "self", "level": 4, "assessed_on": day},
        {"staff_id": 2, "competence_id": 11, "source": "appraisal", "level": 2,
         "assessed_on": day},
    ])
    gaps = competences.gaps(people, comps, needs, levels)
    cell = gaps.staff.set_index(["staff_id", "code"])["gap"]
    assert cell[(1, "DID2")] == 2 and cell[(2, "DID2")] == 0 and cell[(2, "DID4")] == 1
    assert pd.isna(cell[(3, "DID2")])                  # not rated: unknown, not invented
    assert (1, "DID4") not in cell.index               # not needed for a teacher
    assert "OLD" not in set(gaps.staff["code"])        # retired items are left out
    team = gaps.by_team.set_index(["subject_team", "code"])
    assert team.loc[("Wiskunde", "DID2"), "mean_gap"] == 1.0
    assert team.loc[("Wiskunde", "DID2"), "share_short"] == 0.5
    assert set(gaps.school_needs["code"]) == {"DID2", "DID4"}
    assert list(competences.person_needs(gaps.staff)["name"]) == ["A", "B"]


# -- Guskey ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("levels, reached", [
    ([], 0), ([1], 1), ([1, 2], 2), ([2, 3], 0), ([1, 2, 4], 2), ([1, 2, 3, 4, 5], 5),
    ([5, 1, 3, 2, 4, 4], 5),
])
def test_depth_counts_only_unbroken_levels_from_one(levels, reached):
    assert rules.depth(levels) == reached


def test_levels_one_and_two_plan_the_follow_ups(demo_db):
    director = viewer(demo_db, "director")
    new = plan.initiatives(demo_db, YEAR)
    peer = int(new.loc[new["title"].str.startswith("Hospiteren"), "initiative_id"].iloc[0])
    plan.record_evaluation(demo_db, director, peer, 1, TODAY, 4.5)
    after = plan.initiatives(demo_db, YEAR).set_index("initiative_id").loc[peer]
    assert list(after["done_levels"]) == [1] and list(after["planned_levels"]) == [3, 4]
    plan.record_evaluation(demo_db, director, peer, 2, TODAY, 4.0)
    plan.record_evaluation(demo_db, director, peer, 3, TODAY, 3.0)
    after = plan.initiatives(demo_db, YEAR).set_index("initiative_id").loc[peer]
    assert list(after["done_levels"]) == [1, 2, 3] and list(after["planned_levels"]) == [4]
    assert after["depth"] == 3
    with pytest.raises(UserError, match="score"):
        plan.record_evaluation(demo_db, director, peer, 4, TODAY, 7)


def test_level_five_comes_from_the_results_of_the_participants_classes(demo_db):
    previous = plan.initiatives(demo_db, "2025-2026")
    reading = previous.iloc[0]
    assert list(reading["done_levels"]) == [1, 2, 3, 4, 5] and reading["depth"] == 5
    evals = demo_db.read("prof/evaluations", school_year="2025-2026")
    five = evals[evals["level"] == 5].iloc[0]
    assert five["learners"] >= 5 and 0 < five["before_value"] < 100


# -- requests on the demo school -----------------------------------------------------------------

def viewer(db, role: str) -> auth.Viewer:
    return auth.load_viewer(db, demo_user_id(role, str(db.path)))


def form(**changes) -> requests.RequestForm:
    base = {"title": "Leren programmeren met Scratch", "goal": "ICT in de wiskundeles",
            "starts_on": dt.date(2027, 1, 20), "fee": "120.50", "travel": 14,
            "substitute": "0", "hours": 6, "sharing_plan": "Demo op de vakgroep"}
    return requests.RequestForm(**{**base, **changes})


def pot_of(db, pot_id: int) -> dict:
    pots = budget.pot_money(db, YEAR).set_index("pot_id")
    return pots.loc[pot_id].to_dict()


def test_a_request_goes_from_draft_to_evaluated_and_moves_the_budget(demo_db):
    teacher, director = viewer(demo_db, "teacher"), viewer(demo_db, "director")
    before = budget.glance(demo_db, YEAR)
    request_id = requests.create(demo_db, teacher, YEAR, form())
    row = lambda: demo_db.one("prof/request_one", request_id=request_id)  # noqa: E731
    requests.update(demo_db, teacher, request_id, 1, form(fee="150"))
    assert row()["state"] == "draft" and row()["fee"] == D("150.00")
    requests.move(demo_db, teacher, request_id, 2, "submitted")
    assert request_id in set(requests.queue(requests.visible(demo_db, director, YEAR))[
        "request_id"])
    requests.move(demo_db, director, request_id, 3, "approved")
    stored = row()
    assert stored["state"] == "approved" and stored["pot_id"] is not None
    after = budget.glance(demo_db, YEAR)
    assert after.committed - before.committed == D("164.00")
    assert after.spent == before.spent
    requests.move(demo_db, teacher, request_id, 4, "done", actual_cost="158.20")
    done = budget.glance(demo_db, YEAR)
    assert done.committed == before.committed and done.spent - before.spent == D("158.20")
    assert pot_of(demo_db, stored["pot_id"])["spent"] >= 158.2
    requests.move(demo_db, teacher, request_id, 5, "evaluated")
    steps = requests.steps(demo_db, director, YEAR)
    mine = steps[steps["request_id"] == request_id]
    assert list(mine["to_state"]) == ["draft", "submitted", "approved", "done", "evaluated"]
    assert list(mine["by_name"])[2] == director.name and mine["stepped_at"].notna().all()


def test_the_teacher_cannot_approve_and_a_refusal_needs_a_reason(demo_db):
    teacher, director = viewer(demo_db, "teacher"), viewer(demo_db, "director")
    request_id = requests.create(demo_db, teacher, YEAR, form())
    requests.move(demo_db, teacher, request_id, 1, "submitted")
    with pytest.raises(UserError, match="step_not_yours"):
        requests.move(demo_db, teacher, request_id, 2, "approved")
    with pytest.raises(UserError, match="refusal_reason"):
        requests.move(demo_db, director, request_id, 2, "refused")
    requests.move(demo_db, director, request_id, 2, "refused", note="Niet in het plan")
    with pytest.raises(UserError, match="not_editable"):
        requests.update(demo_db, teacher, request_id, 3, form())
    assert demo_db.one("prof/request_one", request_id=request_id)["state"] == "refused"


def test_a_stale_version_changes_nothing(demo_db):
    teacher, director = viewer(demo_db, "teacher"), viewer(demo_db, "director")
    request_id = requests.create(demo_db, teacher, YEAR, form())
    requests.move(demo_db, teacher, request_id, 1, "submitted")
    # The teacher edits what they loaded at version 1 while the director approves version 2.
    requests.move(demo_db, director, request_id, 2, "approved")
    with pytest.raises(UserError):
        requests.update(demo_db, teacher, request_id, 2, form(fee="999"))
    with pytest.raises(WriteConflict):
        requests.move(demo_db, director, request_id, 2, "done")
    stored = demo_db.one("prof/request_one", request_id=request_id)
    assert stored["state"] == "approved" and stored["fee"] == D("120.50")


def test_bad_form_input_names_the_field_and_saves_nothing(demo_db):
    teacher = viewer(demo_db, "teacher")
    count = len(requests.visible(demo_db, teacher, YEAR))
    for bad, field in ((form(title=" "), "title"), (form(fee="-5"), "fee"),
                       (form(starts_on=None), "starts_on"), (form(fee="veel"), "fee")):
        with pytest.raises(UserError) as error:
            requests.create(demo_db, teacher, YEAR, bad)
        assert error.value.params["field"] == field
    with pytest.raises(UserError, match="ends_before_start"):
        requests.create(demo_db, teacher, YEAR, form(ends_on=dt.date(2027, 1, 1)))
    assert len(requests.visible(demo_db, teacher, YEAR)) == count


def test_staff_see_only_their_own_requests_and_levels(demo_db):
    teacher, director = viewer(demo_db, "teacher"), viewer(demo_db, "director")
    everyone = requests.visible(demo_db, director, YEAR)
    own = requests.visible(demo_db, teacher, YEAR)
    assert len(everyone) > len(own) > 0
    assert set(own["staff_id"]) == {teacher.staff_id}
    levels = demo_db.read("prof/staff_levels", scope=teacher.scope)
    assert set(levels["staff_id"]) <= {teacher.staff_id}
    assert demo_db.read("prof/person_money", scope=teacher.scope, school_year=YEAR).empty
    assert demo_db.read("prof/no_development", scope=teacher.scope, today=TODAY).empty
    with pytest.raises(AccessDenied):
        competences.record_appraisal(demo_db, teacher, teacher.staff_id, 3, 4, TODAY)
    with pytest.raises(AccessDenied):
        competences.record_own_level(demo_db, teacher, teacher.staff_id + 1, 3, 4, TODAY)
    with pytest.raises(AccessDenied):
        requests.create(demo_db, teacher, YEAR, form(), staff_id=teacher.staff_id + 1)


def test_the_director_queue_holds_submitted_requests_oldest_first(demo_db):
    director = viewer(demo_db, "director")
    waiting = requests.queue(requests.visible(demo_db, director, YEAR))
    assert len(waiting) == 3 and set(waiting["state"]) == {"submitted"}
    assert list(waiting["submitted_at"]) == sorted(waiting["submitted_at"])


# -- budget on the demo school --------------------------------------------------------------------

def test_the_demo_year_has_requests_in_every_state_and_a_balanced_budget(demo_db):
    director = viewer(demo_db, "director")
    states = set(requests.visible(demo_db, director, YEAR)["state"])
    assert states == set(rules.STATES)
    glance = budget.glance(demo_db, YEAR)
    assert glance.allocated == glance.budget == D("12950.00")
    assert glance.committed > 0 and glance.spent > 0


def test_simulation_writes_nothing_and_applying_makes_pots_that_sum_to_the_budget(demo_db):
    director = viewer(demo_db, "director")
    lines = [KeyLine("pro_rata", "", D("70")), KeyLine("school", "", D("30"))]
    before = budget.pot_money(demo_db, YEAR)
    sim = budget.simulate(demo_db, YEAR, lines)
    assert sum(sim["new"]) == D("12950.00")
    pd.testing.assert_frame_equal(budget.pot_money(demo_db, YEAR), before)
    budget.apply_key(demo_db, director, YEAR, lines)
    after = budget.pot_money(demo_db, YEAR)
    assert sum(after["allocated"].map(lambda v: D(str(v)))) == D("12950.00")
    # Pots with requests or spending keep their id (now at zero); unused ones are gone.
    charged = set(before.loc[(before["committed"] > 0) | (before["spent"] > 0), "pot_id"])
    assert charged <= set(after["pot_id"])
    assert set(after["target_kind"]) <= {"individual", "school", "subject_team", "role",
                                          "grade", "team"}
    assert demo_db.one("prof/key_applied", school_year=YEAR)["applied_by"] == director.name


def test_a_bad_source_row_is_named_and_the_database_is_unchanged(demo_db):
    director = viewer(demo_db, "director")
    before = budget.sources(demo_db, YEAR)
    frame = pd.DataFrame([{"kind": "government", "label": "Overheid", "amount": 100},
                          {"kind": "government", "label": "Extra", "amount": -3}])
    with pytest.raises(UserError) as error:
        budget.save_sources(demo_db, director, YEAR, frame, [])
    assert error.value.key == "prof.error.row_negative"
    assert error.value.params == {"row": 2, "column": "amount"}
    with pytest.raises(UserError) as named, rules.named_columns(NL):
        budget.save_sources(demo_db, director, YEAR, frame, [])
    assert named.value.params["column"] == "Bedrag"
    pd.testing.assert_frame_equal(budget.sources(demo_db, YEAR), before)


def test_per_person_team_fairness_and_burndown(demo_db):
    director = viewer(demo_db, "director")
    people = budget.person_money(demo_db, director.scope, YEAR)
    pots = budget.pot_money(demo_db, YEAR)
    teams = budget.team_money(people, pots)
    assert round(teams["allocated"].sum(), 2) <= 12950.0
    assert teams["euros_per_fte"].notna().any()
    burn = budget.burndown(demo_db, YEAR)
    assert burn["pace"].iloc[0] > burn["pace"].iloc[-1] == 0
    shown = burn.dropna(subset=["left_spent"])
    assert shown["week"].max() <= TODAY and shown["left_spent"].is_monotonic_decreasing
    assert (shown["left_committed"] <= shown["left_spent"]).all()
    nobody = budget.no_development(demo_db, director.scope, TODAY)
    assert 0 < len(nobody) < len(people)


def test_uncovered_gaps_and_internal_experts(demo_db):
    director = viewer(demo_db, "director")
    gaps = competences.load_gaps(demo_db, director.scope)
    assert not gaps.staff.empty and not gaps.school_needs.empty
    open_gaps = plan.uncovered(gaps.school_needs, competences.person_needs(gaps.staff),
                               plan.initiatives(demo_db, YEAR), plan.priorities(demo_db, YEAR))
    assert "DID2" not in set(open_gaps["code"])        # the plan addresses it
    ict3 = int(demo_db.read("prof/competences").set_index("code").loc["ICT3", "competence_id"])
    assert len(plan.internal_experts(demo_db, ict3, None)) >= 1


# -- imports -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, name, table", [
    ("initiatives", "prof_initiatieven.csv", "prof/initiatives"),
    ("budget", "prof_budget.csv", "prof/sources"),
])
def test_import_kinds_write_and_a_second_import_changes_nothing(demo_db, kind, name, table):
    data = (SAMPLES / name).read_bytes()
    prepared = pipeline.prepare(demo_db, COMMAND_LINE, kind, name, data, today=TODAY)
    assert not prepared.problems, [pipeline.render_problem(p, NL) for p in prepared.problems]
    pipeline.commit(demo_db, COMMAND_LINE, prepared)
    again = pipeline.prepare(demo_db, COMMAND_LINE, kind, name, data, today=TODAY)
    result = pipeline.commit(demo_db, COMMAND_LINE, again)
    assert result.counts.new == 0 and result.counts.updated == 0
    assert len(demo_db.read(table, school_year=YEAR)) >= 3


def test_budget_import_problems_name_row_and_column(demo_db):
    data = b"Bron;Omschrijving;Bedrag\nOverheid;Middelen;9.850,00\nLoterij;Extra;-5\n"
    prepared = pipeline.prepare(demo_db, COMMAND_LINE, "budget", "b.csv", data, today=TODAY)
    problems = {(p.row, p.reason) for p in prepared.problems}
    assert (3, "import.problem.prof_source_kind") in problems
    assert (3, "import.problem.prof_negative") in problems
    before = budget.sources(demo_db, YEAR)
    with pytest.raises(UserError):
        pipeline.commit(demo_db, COMMAND_LINE, prepared)
    pd.testing.assert_frame_equal(budget.sources(demo_db, YEAR), before)


def test_competence_levels_import(db):
    from tests.test_import import load

    load(db, "staff", "personeel.csv")
    data = (SAMPLES / "prof_competentieniveaus.csv").read_bytes()
    prepared = pipeline.prepare(db, COMMAND_LINE, "competences", "c.csv", data, today=TODAY)
    assert not prepared.problems, [pipeline.render_problem(p, NL) for p in prepared.problems]
    pipeline.commit(db, COMMAND_LINE, prepared)
    from app.scope import EVERYTHING

    levels = db.read("prof/staff_levels", scope=EVERYTHING)
    assert len(levels) == 3 and set(levels["source"]) == {"import"}
    bad = b"Personeelsnummer;Competentie;Niveau\n999;XYZ;7\n"
    prepared = pipeline.prepare(db, COMMAND_LINE, "competences", "c.csv", bad, today=TODAY)
    assert {p.reason for p in prepared.problems} == {"import.problem.prof_unknown_staff",
                                                  "import.problem.prof_competence",
                                                  "import.problem.prof_level"}


# -- the report ----------------------------------------------------------------------------------

def test_year_report_as_html_and_xlsx_and_the_export_is_logged(demo_db):
    director = viewer(demo_db, "director")
    page = report.export(demo_db, director, NL, YEAR, "html", TODAY).decode()
    for text in ("Prioriteiten", "Uitvoering per potje", "Evaluaties", "Aanvangsbegeleiding",
                 "Pedagogische studiedag", "@media print"):
        assert text in page
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(report.export(demo_db, director, NL, YEAR, "xlsx", TODAY)))
    assert "Uitvoering per potje" in book.sheetnames and book["Prioriteiten"].max_row > 1
    with demo_db._con.cursor() as cur:
        logged = cur.execute("select count(*), max(detail) from audit_log where action = 'export'"
                             " and entity = 'prof_report'").fetchall()[0]
    assert logged[0] == 2 and "format=xlsx" in logged[1]


# -- pages ---------------------------------------------------------------------------------------

def _texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.success,
                                            *at.warning, *at.subheader])


@pytest.mark.parametrize("role", ["teacher", "flex_team", "class_council", "director"])
def test_requests_page_opens_for_each_role_that_may(demo_path, role):
    at = app_test("pages/prof_requests.py", role=role)
    assert not at.exception and not at.error
    assert at.title[0].value == "Aanvragen"


def _new_request(title: str, goal: str, fee: str):
    """The requests page as a teacher, with a new request's form filled in and not yet saved."""
    at = app_test("pages/prof_requests.py", role="teacher", timeout=60)
    at.text_input(key="prof_requests.new.title").input(title)
    at.text_area(key="prof_requests.new.goal").input(goal)
    at.date_input(key="prof_requests.new.starts_on").set_value(dt.date(2027, 2, 3))
    at.text_input(key="prof_requests.new.fee").input(fee)
    return at


def test_teacher_files_a_request_and_the_director_approves_it_in_the_pages(demo_path):
    # A decimal comma, as a Flemish teacher types it: 95,50 is 95.5 euro, never 9550.
    at = _new_request("Formatief evalueren", "Feedback in elke les", fee="95,50")
    at.text_input(key="prof_requests.new.hours").input("3,5")
    at.button(key="prof_requests.new.save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    from app.db import Database

    with Database(demo_path) as db:
        teacher = viewer(db, "teacher")
        mine = requests.visible(db, teacher, YEAR)
        row = mine[mine["title"] == "Formatief evalueren"].iloc[0]
        assert row["state"] == "draft"
        assert float(row["fee"]) == 95.5 and float(row["hours"]) == 3.5
        request_id = int(row["request_id"])
    at.button(key=f"prof_requests.mine.move.{request_id}.submitted").click().run()
    assert not at.exception and not at.error
    boss = app_test("pages/prof_requests.py", role="director", timeout=60)
    boss.button(key=f"prof_requests.queue.move.{request_id}.approved").click().run()
    assert not boss.exception and not boss.error
    with Database(demo_path) as db:
        assert db.one("prof/request_one", request_id=request_id)["state"] == "approved"


def test_a_fee_that_is_no_number_is_said_under_the_field_and_nothing_is_saved(demo_path):
    at = _new_request("Niet te bewaren", "Doel", fee="twaalf")
    at.button(key="prof_requests.new.save").click().run()
    assert not at.exception
    assert any("twaalf" in c.value for c in at.caption)
    from app.db import Database

    with Database(demo_path) as db:
        mine = requests.visible(db, viewer(db, "teacher"), YEAR)
        assert "Niet te bewaren" not in set(mine["title"])


def test_the_requests_tables_show_words_money_and_dates_never_codes(demo_path):
    at = app_test("pages/prof_requests.py", role="director", timeout=60)
    assert not at.exception and not at.error
    every = [d for d in at.dataframe if "Kost" in d.value.columns]
    assert every, [list(d.value.columns) for d in at.dataframe]
    shown = every[0].value
    assert not set(shown["Stand"]) & set(rules.STATES)
    assert shown["Kost"].dtype.kind == "f"
    assert all(isinstance(d, dt.date) or d is None for d in shown["Datum"])


def test_overview_shows_budget_queue_and_report_buttons(demo_path):
    at = app_test("pages/prof_overview.py", role="director", timeout=60)
    assert not at.exception and not at.error
    labels = [m.label for m in at.metric]
    assert "Vastgelegd" in labels and "Uitgegeven" in labels
    assert "Aanvragen die wachten op een beslissing" in _texts(at)


def test_budget_page_simulates_without_saving(demo_path):
    at = app_test("pages/prof_budget.py", role="director", timeout=60)
    at.button(key="prof_budget.simulate").click().run()
    assert not at.exception and not at.error
    assert any("Er is niets bewaard" in s.value for s in at.success)


def test_budget_page_refuses_a_key_that_does_not_add_up(demo_path):
    at = app_test("pages/prof_budget.py", role="director", timeout=60)
    at.session_state["prof_budget.key.0"] = {"edited_rows": {0: {"percent": 30.0}},
                                             "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="prof_budget.apply").click().run()
    assert any("niet 100 %" in e.value for e in at.error)
    from app.db import Database

    with Database(demo_path) as db:
        assert float(db.read("prof/key_lines", school_year=YEAR)["percent"].iloc[0]) == 35.0


def test_plan_and_competences_pages_render_in_english(demo_path):
    for page in ("pages/prof_plan.py", "pages/prof_competences.py"):
        at = app_test(page, lang="en", role="director", timeout=60)
        assert not at.exception and not at.error, page


def test_charts_are_built_from_small_frames():
    from app.prof import charts

    pots = pd.DataFrame([{"pot": "School", "allocated": 100.0, "committed": 30.0,
                          "spent": 90.0, "left_over": -20.0}])
    spec = charts.pots(pots, NL).to_dict()
    values = spec["datasets"][next(iter(spec["datasets"]))]
    assert {v["part"] for v in values} == {"Uitgegeven", "Vastgelegd", "Over", "Overschreden"}
    burn = budget.burndown_frame(pd.DataFrame(columns=["day", "committed", "spent"]),
                                 D("1000"), START, END, dt.date(2026, 10, 1))
    assert charts.burndown(burn, NL).to_dict()["mark"]["type"] == "line"


def test_the_plan_editors_offer_words_and_read_hours_with_a_decimal_comma(demo_path):
    at = app_test("pages/prof_plan.py", role="director", timeout=60)
    assert not at.exception and not at.error
    shown = " ".join(c.value for c in at.caption)
    assert "study_day" not in shown and "internal_sharing" not in shown
    at.session_state["prof_plan.initiatives.0"] = {
        "edited_rows": {0: {"hours": "3,5", "estimated_cost": "1.250,50"}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="prof_plan.save_initiatives").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    from app.db import Database

    with Database(demo_path) as db:
        first = plan.initiatives(db, YEAR).iloc[0]
    assert float(first["hours"]) == 3.5 and float(first["estimated_cost"]) == 1250.5


def test_a_plan_cell_that_is_no_number_names_its_row_and_saves_nothing(demo_path):
    at = app_test("pages/prof_plan.py", role="director", timeout=60)
    from app.db import Database

    with Database(demo_path) as db:
        before = float(plan.initiatives(db, YEAR).iloc[0]["hours"])
    at.session_state["prof_plan.initiatives.0"] = {
        "edited_rows": {0: {"hours": "drie"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="prof_plan.save_initiatives").click().run()
    assert any("drie" in e.value for e in at.error), [e.value for e in at.error]
    with Database(demo_path) as db:
        assert float(plan.initiatives(db, YEAR).iloc[0]["hours"]) == before


def test_budget_amounts_take_a_decimal_comma_and_roles_are_words(demo_path):
    at = app_test("pages/prof_budget.py", role="director", timeout=60)
    assert not at.exception and not at.error
    captions = " ".join(c.value for c in at.caption)
    assert "care_coordinator" not in captions and "pro_rata" not in captions
    assert "zorgcoördinator" in captions
    at.session_state["prof_budget.sources.0"] = {
        "edited_rows": {0: {"amount": "9.850,50"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="prof_budget.save_sources").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    from app.db import Database

    with Database(demo_path) as db:
        assert float(budget.sources(db, YEAR)["amount"].iloc[0]) == 9850.5


def test_a_role_in_the_key_is_typed_as_a_word_and_stored_as_its_code(demo_path):
    at = app_test("pages/prof_budget.py", role="director", timeout=60)
    from app.db import Database

    with Database(demo_path) as db:
        count = len(db.read("prof/key_lines", school_year=YEAR))
    at.session_state["prof_budget.key.0"] = {
        "edited_rows": {}, "deleted_rows": list(range(count)),
        "added_rows": [{"target_kind": "role", "target": "zorgcoördinator", "percent": "100"}]}
    at.run()
    at.button(key="prof_budget.simulate").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    pots = [d.value for d in at.dataframe if "Potje" in d.value.columns]
    assert pots and "Rol zorgcoördinator" in set(pots[0]["Potje"]), pots
    at.button(key="prof_budget.apply").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with Database(demo_path) as db:
        stored = db.read("prof/key_lines", school_year=YEAR)
    assert list(stored["target"]) == ["care_coordinator"]


def test_needed_levels_show_roles_as_words_and_store_their_codes(demo_path):
    at = app_test("pages/prof_competences.py", role="director", timeout=60)
    assert not at.exception and not at.error
    editor = next(d for d in at.dataframe if d.key == "prof_competences.needed.0")
    targets = set(editor.value["target"].dropna())
    assert "graadcoördinator" in targets and "grade_coordinator" not in targets
    matrices = [d.value for d in at.dataframe if d.key is None and "VAK1" in d.value.columns]
    assert matrices and all(m["VAK1"].dtype.kind == "f" for m in matrices)  # numbers sort
    at.button(key="prof_competences.save_needed").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    from app.db import Database

    with Database(demo_path) as db:
        stored = competences.needed(db)
    roles = set(stored.loc[stored["target_kind"] == "role", "target"])
    assert "grade_coordinator" in roles and "graadcoördinator" not in roles
