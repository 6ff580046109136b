"""One way to show a value (app/display.py): each kind of column in both languages, missing
values, codes as labels, dates that stay dates, and numbers typed with a decimal comma."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from app import display
from app.errors import UserError
from app.i18n import MissingText, Translator

NL, EN = Translator("nl"), Translator("en")


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["Peeters, An", None, "Peeters, An", float("nan")],
        "klass": ["1A", "1B", "2C", None],
        "kind": ["remediation", None, "deepening", "broadening"],
        "n": [4.0, None, 1200, np.int64(2)],
        "hours": [1.2, None, 35.0, Decimal("88.79")],
        "cost": [Decimal("150.00"), None, 1250.5, 0],
        "share": [0.35, None, 0.726, 1],
        "on": [dt.date(2026, 10, 14), None, pd.Timestamp("2026-03-01"), pd.NaT],
        "at": [pd.Timestamp("2026-10-14 09:05"), None, pd.NaT, dt.datetime(2026, 1, 2, 8, 0)],
        "ok": [True, False, None, True],
        "tags": [["wellbeing", "evaluation"], [], None, ["self_reflection"]],
    })


def _columns() -> list[display.Column]:
    return [
        display.person("name", "flex_board.col.learner", detail="klass"),
        display.code("kind", "flex_board.col.kind", codes="kind", dash=True),
        display.count("n", "flex_board.col.learners"),
        display.number("hours", "prof.col.hours", decimals=1),
        display.money("cost", "prof.col.cost"),
        display.percent("share", "prof.col.percent"),
        display.date("on", "prof.col.starts_on"),
        display.datetime("at", "log.col.when"),
        display.flag("ok", "users.col.active"),
        display.items("tags", "surveys.tag", codes="tag"),
    ]


def _shown(t: Translator) -> pd.DataFrame:
    """What the reader sees: the Styler's display values, cell by cell."""
    shown = display.table(_frame(), t, _columns())
    styled = shown.styler._translate(False, False)
    # Babel keeps a number and its sign together with a no-break space: '€\u00a0150,00'.
    return pd.DataFrame([[cell["display_value"].replace("\u00a0", " ") for cell in row[1:]]
                         for row in styled["body"]], columns=list(shown.frame.columns))


def test_every_kind_is_written_the_flemish_way_in_dutch():
    seen = _shown(NL)
    assert list(seen.iloc[0]) == ["Peeters, An (1A)", "remediëring", "4", "1,2", "€ 150,00",
                                  "35 %", "14/10/2026", "14/10/2026 09:05", "ja",
                                  "welbevinden, evaluatie"]
    assert list(seen.iloc[2])[2:7] == ["1.200", "35,0", "€ 1.250,50", "73 %", "01/03/2026"]
    assert seen.iloc[3]["Uren"] == "88,8"


def test_every_kind_is_written_the_british_way_in_english():
    seen = _shown(EN)
    assert list(seen.iloc[0]) == ["Peeters, An (1A)", "remediation", "4", "1.2", "€150.00", "35%",
                                  "14/10/2026", "14/10/2026 09:05", "yes",
                                  "well-being, evaluation"]
    assert list(seen.iloc[2])[2:5] == ["1,200", "35.0", "€1,250.50"]


@pytest.mark.parametrize("t", [NL, EN], ids=["nl", "en"])
def test_missing_values_are_empty_and_never_none_nan_or_nat(t):
    seen = _shown(t)
    missing_row = seen.iloc[1]
    assert missing_row.iloc[0] == ""                      # no name
    assert missing_row.iloc[1] == "–"                     # a code column asked for a dash
    assert list(missing_row.iloc[2:8]) == [""] * 6        # numbers, money, dates
    text = " ".join(str(v) for v in seen.to_numpy().ravel())
    for leak in ("None", "nan", "NaN", "NaT", "<NA>", "[]"):
        assert leak not in text.split(), leak


def test_numbers_and_dates_keep_their_types_underneath_so_that_they_sort():
    frame = display.table(_frame(), NL, _columns()).frame
    assert frame["Leerlingen"].dtype == "Int64"
    assert frame["Kost"].dtype == "float64" and frame["Percentage"].dtype == "float64"
    assert frame["Datum"].map(type).iloc[0] is dt.date
    assert frame["Datum"].iloc[2] == dt.date(2026, 3, 1) and frame["Datum"].iloc[1] is None
    assert str(frame["Wanneer"].dtype).startswith("datetime64")
    # A date column is a date column for Arrow, so the grid sorts it by date.
    import pyarrow as pa

    assert pa.Table.from_pandas(frame)["Datum"].type == pa.date32()


def test_namesakes_are_told_apart_by_their_detail_others_are_not():
    frame = pd.DataFrame({"name": ["Claes, Jo", "Claes, Jo", "Wouters, Lien"],
                          "klass": ["1A", "2B", "1A"]})
    shown = display.table(frame, NL, [display.person("name", "flex_board.col.learner",
                                                     detail="klass")]).frame
    assert list(shown.iloc[:, 0]) == ["Claes, Jo (1A)", "Claes, Jo (2B)", "Wouters, Lien"]


def test_headers_come_from_the_catalogue_or_are_data_when_literal():
    frame = pd.DataFrame({"q": [1]})
    assert list(display.table(frame, NL, [display.count("q", "flex_board.col.learners")]
                              ).frame.columns) == ["Leerlingen"]
    assert list(display.table(frame, NL, [display.count("q", "Hoe gaat het?", literal=True)]
                              ).frame.columns) == ["Hoe gaat het?"]


def test_a_code_without_a_label_is_an_error_in_tests():
    frame = pd.DataFrame({"kind": ["remediation", "flex_choice"]})
    with pytest.raises(MissingText):
        display.table(frame, NL, [display.code("kind", "flex_board.col.kind", codes="kind")])


def test_a_dash_is_for_text_columns_only():
    with pytest.raises(ValueError):
        display.money("cost", "prof.col.cost", dash=True)


def test_sentences_get_a_dash_for_whatever_is_missing():
    for nothing in (None, float("nan"), pd.NA, pd.NaT, np.datetime64("NaT"), "", "  "):
        assert display.text_of(nothing) == "–"
        assert display.day(nothing, NL) == "–"
    assert display.text_of(4.0) == "4" and display.text_of(" An ") == "An"
    assert display.day(pd.Timestamp("2026-10-14 10:00"), NL) == "14/10/2026"
    assert display.day(np.datetime64("2026-10-14"), EN) == "14/10/2026"
    assert display.moment("2026-10-14 09:05:00", NL) == "14/10/2026 09:05"


@pytest.mark.parametrize("nothing", [None, float("nan"), pd.NA, pd.NaT])
def test_the_translator_writes_a_dash_for_every_kind_of_nothing(nothing):
    assert NL.number(nothing) == NL.count(nothing) == NL.money(nothing) == "–"
    assert NL.percent(nothing) == NL.date(nothing) == NL.datetime(nothing) == "–"


def test_the_translator_takes_pandas_dates():
    assert NL.date(pd.Timestamp("2026-10-14")) == "14/10/2026"
    assert EN.datetime(pd.Timestamp("2026-10-14 09:05")) == "14/10/2026 09:05"


# -- typing numbers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "lang", "number"), [
    ("3,5", "nl", 3.5), ("3.5", "nl", 3.5), ("3,5", "en", 3.5), ("3.5", "en", 3.5),
    ("1.250,50", "nl", 1250.5), ("1.250,50", "en", 1250.5), ("1,250.50", "nl", 1250.5),
    ("1,250.50", "en", 1250.5), ("1.250", "nl", 1250), ("1.250", "en", 1.25),
    ("1,250", "en", 1250), ("1,250", "nl", 1.25), ("€ 150,00", "nl", 150), ("35 %", "nl", 35),
    ("-2,5", "nl", -2.5), ("1.250.000", "nl", 1250000), ("12", "en", 12), (" 7 ", "nl", 7),
    ("", "nl", None), ("  ", "en", None), (None, "nl", None), (4.5, "nl", 4.5),
])
def test_a_typed_number_is_read_the_local_way(typed, lang, number):
    assert display.parse_number(typed, lang) == number


@pytest.mark.parametrize("typed", ["abc", "3,5 uur", "1.2.3", "1,2,3", "12,345,6", "--1",
                                   "1e400", "inf", "3,5,"])
def test_text_that_is_no_number_is_refused(typed):
    with pytest.raises(ValueError):
        display.parse_number(typed, "nl")


def test_a_number_field_reads_its_text_and_says_why_not():
    assert display.read_field("3,5", NL, "Uren").value == 3.5
    assert display.read_field("", NL, "Uren").value is None
    refused = display.read_field("drie", NL, "Uren")
    assert refused.refused == "display.refused.not_a_number"
    with pytest.raises(display.FieldRefused) as caught:
        _ = refused.value
    assert "'drie' is geen getal" in caught.value.render(NL)
    assert display.read_field("", NL, "Uren", required=True).refused == "display.refused.required"
    low = display.read_field("-1", NL, "Kost", minimum=0, decimals=2)
    assert low.refused == "display.refused.below" and low.params == {"minimum": "0,00"}
    assert display.read_field("5,5", NL, "Score", maximum=5).refused == "display.refused.above"
    assert display.read_field("12,346", NL, "Kost", decimals=2).value == 12.35


def test_a_number_field_starts_from_its_value_written_the_local_way():
    assert display.number_text(3.5, NL) == "3,5"
    assert display.number_text(1250.5, NL, 2) == "1.250,50"
    assert display.number_text(1250.5, EN, 2) == "1,250.50"
    assert display.number_text(None, NL) == ""


# -- editors -------------------------------------------------------------------------------------

def _form(t: Translator) -> display.Form:
    frame = pd.DataFrame({"source_id": [1, 2], "kind": ["government", None],
                          "label": ["Nascholing", None], "amount": [Decimal("9850.00"), None],
                          "share": [0.35, None], "level": [4.0, None],
                          "on": [pd.Timestamp("2026-10-14"), pd.NaT]})
    return display.editor(frame, t, [
        display.code("kind", "prof.col.kind", codes="prof.source",
                     options=("government", "school_board"), required=True),
        display.text("label", "prof.col.label"),
        display.money("amount", "prof.col.amount"),
        display.percent("share", "prof.col.percent"),
        display.count("level", "prof.col.level"),
        display.date("on", "prof.col.starts_on"),
    ], keep=["source_id"])


def test_an_editor_gets_cells_it_can_hold_and_shows_them_the_local_way():
    form = _form(NL)
    data = form.frame
    assert list(data.columns) == ["source_id", "kind", "label", "amount", "share", "level", "on"]
    assert form.order == ["kind", "label", "amount", "share", "level", "on"]
    assert list(data["kind"]) == ["government", None]          # codes stay codes
    assert list(data["amount"]) == ["€\u00a09.850,00", None]
    assert list(data["share"]) == ["35 %", None]
    assert data["level"].dtype == "Int64" and data["level"].iloc[0] == 4
    assert data["on"].iloc[0] == dt.date(2026, 10, 14) and data["on"].iloc[1] is None
    assert data["label"].iloc[1] is None and data["label"].dtype == object
    assert _form(EN).frame["amount"].iloc[0] == "€9,850.00"


def test_an_editor_reads_numbers_back_the_local_way():
    form = _form(NL)
    edited = form.frame.copy()
    edited.loc[0, "amount"] = "10.250,5"
    edited.loc[1, "amount"] = "3,5"
    edited.loc[1, "share"] = "12,5"
    back = form.read(edited)
    assert list(back["amount"]) == [10250.5, 3.5]
    assert back["share"].iloc[0] == pytest.approx(0.35) and back["share"].iloc[1] == 0.125
    edited.loc[1, "amount"] = "veel"
    with pytest.raises(UserError) as refused:
        form.read(edited)
    assert refused.value.key == "display.refused.cell"
    assert refused.value.params["row"] == 2 and refused.value.params["column"] == "Bedrag"


# -- the audit log and the erase page in words ---------------------------------------------------

def _written_in_code() -> tuple[set[str], set[str]]:
    """Every audit action and entity the code writes as a literal: Audit("action", "entity"),
    viewer.audit(...), audit.action/entity = "...", entity="..." of an import kind."""
    import re
    from pathlib import Path

    actions, entities = set(), set()
    call = re.compile(r"\b(?:Audit|\.audit)\(\s*(?:action=)?\"([a-z_]+)\"(?:\s*,\s*(?:entity=)?"
                      r"\"([a-z_]+)\")?")
    assigned = re.compile(r"audit\.(action|entity)(?:, audit\.(?:entity|record_ids|detail))?"
                          r"\s*=\s*\"([a-z_]+)\"")
    kind_entity = re.compile(r"\bentity=\"([a-z_]+)\"")
    for path in Path("app").rglob("*.py"):
        text = path.read_text()
        for action, entity in call.findall(text):
            actions.add(action)
            entities.add(entity)
        for what, code in assigned.findall(text):
            (actions if what == "action" else entities).add(code)
        entities.update(kind_entity.findall(text))
    entities.discard("")
    return actions, entities


@pytest.mark.parametrize("t", [NL, EN], ids=["nl", "en"])
def test_every_audit_action_and_entity_the_code_writes_has_words(t):
    actions, entities = _written_in_code()
    assert {"user_add", "edit", "migrate"} <= actions and "wb_trajectory" in entities
    assert not [a for a in sorted(actions) if not t.has(f"audit.action.{a}")]
    assert not [e for e in sorted(entities) if not t.has(f"entity.{e}")]


def test_the_erase_page_names_every_kind_of_learner_data():
    from pathlib import Path

    sql = Path("queries/privacy/learner_footprint.sql").read_text()
    import re
    kinds = set(re.findall(r"select '([a-z_]+)'", sql))
    assert "flex_choice" in kinds
    assert not [k for k in sorted(kinds) if not NL.has(f"entity.{k}") or not EN.has(f"entity.{k}")]


def test_an_audit_detail_reads_as_words():
    from app.admin import audit_log

    assert audit_log.detail_words("roles=teacher,director", NL) == "rollen: leerkracht en directie"
    assert audit_log.detail_words("to=approved", EN) == "to: approved"
    assert audit_log.detail_words("after an erasure", NL) == "after an erasure"
    assert audit_log.detail_words(None, NL) is None
