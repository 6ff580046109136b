"""Flex › Aanbod with namesakes on the staff list (issue 14): each leader is picked and shown by
a label that tells namesakes apart and maps back to their own id, and a save writes only the
cells the person changed, so nothing the editor could not show is lost on an unrelated edit."""

from __future__ import annotations

import pandas as pd

from app import display
from app.auth import Viewer
from app.db import Database
from app.flex import offer
from app.i18n import Translator
from tests.conftest import app_test

NL = Translator("nl")
FLEX_TEAM = Viewer(user_id=1, email="flexteam@school.be", name="Flexteam",
                   roles=frozenset({"flex_team"}))


def _cycle(db: Database, week: str) -> int:
    return int(db.scalar("flex/cycle_of_week", week_id=week))


def _namesakes(db: Database, cycle_id: int) -> tuple[int, int]:
    """Two leaders of the cycle's sessions from different subject teams, renamed to one name,
    as the demo school's two Lucas Hermans: (the first, the second) by staff id."""
    with db._con.cursor() as cur:
        leaders = cur.execute(
            "select distinct st.staff_id, st.subject_team from flex_session s"
            " join staff st on st.staff_id = s.leader_staff_id"
            " where s.cycle_id = $c order by st.staff_id", {"c": cycle_id}).fetchall()
        first = leaders[0]
        second = next(r for r in leaders if r[1] != first[1])
        cur.execute("update staff set first_name = 'Lucas', last_name = 'Hermans'"
                    " where staff_id in ($a, $b)", {"a": first[0], "b": second[0]})
    return first[0], second[0]


def _stored(db: Database, cycle_id: int) -> pd.DataFrame:
    with db._con.cursor() as cur:
        return cur.execute("select * from flex_session where cycle_id = $c order by session_id",
                           {"c": cycle_id}).df()


def _editor(db: Database, cycle_id: int):
    cycle = db.one("flex/cycle", cycle_id=cycle_id)
    pick = offer.choices(db, cycle["school_year_id"], NL)
    raw = offer.sessions(db, cycle_id)
    return pick, raw, offer.fingerprint(raw), offer.editable(raw, pick)


def _cell(value):
    if hasattr(value, "__len__") and not isinstance(value, str):
        return list(value)
    return None if pd.isna(value) else value


def _differences(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[int, str]]:
    """(session id, column) of every cell that differs."""
    assert list(before["session_id"]) == list(after["session_id"])
    return [(int(old["session_id"]), column)
            for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True)
            for column in before.columns if _cell(old[column]) != _cell(new[column])]


def test_staff_labels_tell_namesakes_apart_by_team_then_personnel_number():
    staff = pd.DataFrame({
        "staff_id": [1, 2, 3, 4, 5],
        "name": ["Hermans, Lucas", "Hermans, Lucas", "Peeters, An", "Peeters, An", "Maes, Jo"],
        "subject_team": ["Wiskunde", "Frans", "Engels", "Engels", None],
        "external_id": ["0001", "0002", "0003", "0004", "0005"]})
    labels = display.staff_labels(staff)
    assert labels == {1: "Hermans, Lucas (Wiskunde)", 2: "Hermans, Lucas (Frans)",
                      3: "Peeters, An (Engels) (0003)", 4: "Peeters, An (Engels) (0004)",
                      5: "Maes, Jo"}


def test_the_editor_shows_each_namesake_as_leader_of_his_own_session(demo_db):
    cycle_id = _cycle(demo_db, "2026-W49")
    first, second = _namesakes(demo_db, cycle_id)
    pick, raw, _, frame = _editor(demo_db, cycle_id)
    for staff_id in (first, second):
        shown = set(frame.loc[raw["leader_staff_id"] == staff_id, "leader"])
        assert len(shown) == 1 and None not in shown, (staff_id, shown)
        assert pick.staff[shown.pop()] == staff_id
    assert len(pick.staff) == len(set(pick.staff.values()))


def test_an_unrelated_capacity_edit_writes_that_one_cell_only(demo_db):
    cycle_id = _cycle(demo_db, "2026-W49")
    first, second = _namesakes(demo_db, cycle_id)
    pick, raw, loaded, frame = _editor(demo_db, cycle_id)
    other = raw.index[~raw["leader_staff_id"].isin([first, second])][0]
    frame.loc[other, "capacity"] = int(frame.loc[other, "capacity"]) + 3
    before = _stored(demo_db, cycle_id)
    result = offer.save(demo_db, FLEX_TEAM, cycle_id, loaded, frame, pick)
    assert (result.added, result.changed, result.removed, result.problems) == (0, 1, 0, None)
    after = _stored(demo_db, cycle_id)
    assert _differences(before, after) == [(int(raw["session_id"][other]), "capacity")]


def test_a_leader_the_editor_cannot_show_survives_an_unrelated_edit(demo_db):
    cycle_id = _cycle(demo_db, "2026-W49")
    pick, raw, _, _ = _editor(demo_db, cycle_id)
    gone = int(raw["leader_staff_id"].dropna().iloc[0])
    with demo_db._con.cursor() as cur:  # left the school: no longer on the staff list
        cur.execute("update staff set left_on = date '2026-11-01' where staff_id = $s",
                    {"s": gone})
    pick, raw, loaded, frame = _editor(demo_db, cycle_id)
    assert frame.loc[raw["leader_staff_id"] == gone, "leader"].isna().all()
    frame.loc[raw["leader_staff_id"] == gone, "room"] = "Aula"
    before = _stored(demo_db, cycle_id)
    offer.save(demo_db, FLEX_TEAM, cycle_id, loaded, frame, pick)
    changed = _differences(before, _stored(demo_db, cycle_id))
    assert changed and {column for _, column in changed} == {"room"}


def test_choosing_the_other_namesake_saves_his_id(demo_db):
    cycle_id = _cycle(demo_db, "2026-W49")
    first, second = _namesakes(demo_db, cycle_id)
    pick, raw, loaded, frame = _editor(demo_db, cycle_id)
    row = raw.index[raw["leader_staff_id"] == first][0]
    label = next(k for k, v in pick.staff.items() if v == second)
    frame.loc[row, "leader"] = label
    assert offer.save(demo_db, FLEX_TEAM, cycle_id, loaded, frame, pick).changed == 1
    after = offer.sessions(demo_db, cycle_id).set_index("session_id")
    assert after.loc[int(raw["session_id"][row]), "leader_staff_id"] == second


def test_offer_page_saves_only_the_capacity_changed_in_the_table(demo_path):
    with Database(demo_path) as db:
        cycle_id = _cycle(db, "2026-W48")
        _namesakes(db, cycle_id)
        before = _stored(db, cycle_id)
        first = offer.sessions(db, cycle_id).iloc[0]
    at = app_test("pages/flex_offer.py", role="flex_team")
    at.session_state[f"flex_offer.editor.{cycle_id}.0@nl"] = {
        "edited_rows": {0: {"capacity": int(first["capacity"]) + 1}}, "added_rows": [],
        "deleted_rows": []}
    at.run()
    at.button(key="flex_offer.save").click().run()
    assert not at.exception and not at.error
    with Database(demo_path) as db:
        after = _stored(db, cycle_id)
    assert _differences(before, after) == [(int(first["session_id"]), "capacity")]
    assert int(after.set_index("session_id").loc[int(first["session_id"]), "capacity"]) \
        == int(first["capacity"]) + 1
