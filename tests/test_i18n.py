"""The two catalogues stay in step with each other and with the code."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from app import config, i18n
from app.flex.offer import KINDS
from app.navigation import PAGES, SECTIONS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("app/**/*.py"), *ROOT.glob("pages/*.py")])
# t("key"), t.md("key"), t.has("key"), translate(lang, "key"), and errors raised with a
# catalogue key.
LITERAL_KEY = re.compile(
    r"""(?:\bt(?:\.has|\.md)?|\btranslate\([^,()]+,|\b(?:UserError|DatabaseError|DatabaseLocked|WriteConflict|AccessDenied))\(\s*"([a-z0-9_.]+)"""
)
# t.plural("key", n), t.md.plural("key", n): the catalogue has key.one and key.other.
PLURAL_KEY = re.compile(r'\bt(?:\.md)?\.plural\(\s*"([a-z0-9_.]+)"')

FAMILIES = {
    "kind": KINDS,
    "leader_kind": ("teacher", "teaching_assistant", "coach", "student_teacher", "guest"),
    "need_source": ("class_council", "self_reflection", "subject_teacher", "result_rule"),
    "tag": ("wellbeing", "self_reflection", "professional_needs", "evaluation",
            "time_registration"),
    "language": config.LANGUAGES,
    "nav.section": tuple(s for s in SECTIONS if s),
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys():
    nl, en = set(i18n.catalogue("nl")), set(i18n.catalogue("en"))
    assert sorted(nl - en) == [], "only in Dutch (app/locales/nl/)"
    assert sorted(en - nl) == [], "only in English (app/locales/en/)"


@pytest.mark.parametrize("key", sorted(i18n.catalogue("nl")))
def test_a_text_has_the_same_fields_in_both_languages(key):
    nl, en = i18n.catalogue("nl")[key], i18n.catalogue("en")[key]
    assert nl.strip() and en.strip()
    assert _fields(nl) == _fields(en)


def test_every_key_the_code_uses_exists():
    used = set()
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        used |= set(LITERAL_KEY.findall(text))
        used |= {f"{key}.{form}" for key in PLURAL_KEY.findall(text) for form in ("one", "other")}
    missing = sorted(k for k in used if k not in i18n.catalogue("nl"))
    assert used, "the scan found no keys: the pattern is broken"
    assert missing == []


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_code_of_a_family_has_a_text(family):
    for code in FAMILIES[family]:
        assert i18n.has_text("nl", f"{family}.{code}"), f"{family}.{code}"


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_every_page_has_a_title(spec):
    assert i18n.has_text("nl", f"page.{spec.key}.title")


def test_numbers_and_dates_are_formatted_the_flemish_way():
    import datetime as dt

    nl, en = i18n.Translator("nl"), i18n.Translator("en")
    assert nl.percent(0.725, 1) == "72,5 %"
    assert en.percent(0.725, 1) == "72.5%"
    assert nl.number(1250.5, 2) == "1.250,50"
    assert nl.date(dt.date(2026, 10, 14)) == "14/10/2026"
    assert nl.weekday(2) == "dinsdag" and en.weekday(2) == "Tuesday"
    assert nl.kind("remediation") == "remediëring"


def test_a_missing_key_shows_the_key_instead_of_crashing(caplog, monkeypatch):
    monkeypatch.delenv(i18n.STRICT_ENV)  # production: the page keeps working
    assert i18n.translate("en", "no.such.key") == "no.such.key"
    assert "missing text" in caplog.text


def test_in_tests_a_missing_key_is_an_error():
    with pytest.raises(i18n.MissingText):
        i18n.translate("nl", "entity.no_such_table")
    with pytest.raises(i18n.MissingText):  # a field the text needs and the code did not give
        i18n.translate("nl", "display.refused.cell", row=1)
