"""Interface texts in Dutch and English, from ``app/locales/<lang>/<part>.toml``: one file per
part of the product (flex, council, prof, team, surveys, import, admin, platform, ...).

A catalogue is nested TOML; a text is addressed by its dotted path (``"page.home.title"``) and may
carry ``{named}`` fields. Numbers and dates are formatted the Flemish way in Dutch (72,5 %;
14/10/2026) and the British way in English, through Babel.

Streamlit draws most texts as Markdown (``st.markdown``, captions, headings, alerts, toasts,
metric labels, widget labels and help, radio and segmented-control options, tab and expander
labels). A value from data (a name, a survey question, a note, a file name) is never Markdown:
``plain(value)`` makes it show as the characters it is, and ``t.md(key, **fields)`` is the
catalogue text, Markdown as written, with every field made ``plain``.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from app.blank import is_blank
from app.config import DEFAULT_LANGUAGE, LANGUAGES

LOCALES_DIR = Path(__file__).parent / "locales"
BABEL_LOCALE = {"nl": "nl_BE", "en": "en_GB"}
DATE_PATTERN = {"nl": "dd/MM/yyyy", "en": "dd/MM/yyyy"}

log = logging.getLogger(__name__)

# In tests a missing text is an error, never the silent fallback below (tests/conftest.py sets
# it): every key the code can build, for every value of every code list, must exist.
STRICT_ENV = "FLEXWIJS_STRICT_TEXTS"


class MissingText(KeyError):
    """A catalogue key the code asked for and no catalogue has (only raised in tests)."""


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value)
    return flat


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Every `locales/<lang>/*.toml` (one file per part of the product); a key defined twice
    is an error, not a silent override."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    files = sorted((LOCALES_DIR / lang).glob("*.toml"))
    merged: dict[str, str] = {}
    for path in files:
        with path.open("rb") as handle:
            texts = _flatten(tomllib.load(handle))
        twice = sorted(merged.keys() & texts.keys())
        if twice:
            raise ValueError(f"{path.name} defines keys already defined: {twice[:5]}")
        merged.update(texts)
    return merged


def translate(lang: str, key: str, /, **params: Any) -> str:
    texts = catalogue(lang)
    text = texts.get(key)
    if text is None:
        # A missing key is a bug caught by the tests (STRICT_ENV); in production show the key
        # rather than crash a page in front of a user.
        if os.environ.get(STRICT_ENV):
            raise MissingText(f"{key} ({lang})")
        log.error("missing text %r in %s catalogue", key, lang)
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    if not params:
        return text
    params = {name: _written(value, lang) if isinstance(value, Count) else value
              for name, value in params.items()}
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        if os.environ.get(STRICT_ENV):
            raise MissingText(f"{key} ({lang}) does not fit {sorted(params)}") from None
        log.error("text %r in %s does not fit parameters %s", key, lang, sorted(params))
        return text


class Count(int):
    """A number for a message that is raised before anyone knows the reader's language (an
    error's limit, 200000): written the reader's way when the message is (200.000, 200,000).
    A plain int stays as it is, since many are years or codes (2026, lesson hour 3)."""


def _written(count: Count, lang: str) -> str:
    return babel_numbers.format_decimal(int(count), format="#,##0",
                                        locale=BABEL_LOCALE.get(lang, BABEL_LOCALE["nl"]))


class Markdown(str):
    """Text that is Markdown already: a catalogue text with its fields made plain, or a value
    made plain. ``plain`` leaves it as it is, so nothing is escaped twice."""


# Every character that starts or closes Markdown in Streamlit 1.67: CommonMark and GFM (emphasis,
# links, images, code, HTML, headings, lists, quotes, tables, strike-through, entities), the
# colour and badge directives (:red[...]), emoji and icon shortcodes (:smile:, :material/home:)
# and KaTeX ($x^2$). A backslash before any ASCII punctuation shows that character as it is.
_SIGNIFICANT = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=^/])")
# Two things Streamlit finds in the text after the backslashes are gone, which no escape can
# stop (checked in Chromium against 1.67): GFM's literal links (http://..., www...., a@b.c,
# mdast-util-gfm-autolink-literal) and emoji shortcodes once any shortcode elsewhere in the same
# text loads remark-emoji. An invisible WORD JOINER (U+2060) where such a pattern would start
# (after a ':' before a letter, '/', '+' or '-'; before an '@' before a letter; between 'www'
# and '.') breaks it without changing what the reader sees; 'Vak: Engels' and '14:05' stay as
# they are. (Only ':100:' could still become an emoji, beside a real shortcode: harmless.)
_WORD_JOINER = "\u2060"
_AFTER_COLON = re.compile(r"(?<=:)(?=[^\W\d]|\\[/+\-])")
_BEFORE_AT = re.compile(r"(?=@[\w-])")
_WWW_DOT = re.compile(r"(?<=www)(?=\\\.)", re.IGNORECASE)


def plain(value: Any) -> Markdown:
    """A value from data as Markdown that shows exactly its characters: a learner named
    ``![x](http://...)`` reads as that, and loads no image. Dataframes, charts and exports are
    not Markdown: they get the value itself, never this."""
    if isinstance(value, Markdown):
        return value
    text = _SIGNIFICANT.sub(r"\\\1", str(value))
    text = _AFTER_COLON.sub(_WORD_JOINER, text)
    text = _BEFORE_AT.sub(_WORD_JOINER, text)
    return Markdown(_WWW_DOT.sub(_WORD_JOINER, text))


def _as_date(value: Any) -> dt.date | dt.datetime:
    # A pandas Timestamp or numpy datetime64 is turned into Python's own (Babel needs it).
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if not isinstance(value, dt.date):
        import pandas as pd

        return pd.Timestamp(value).to_pydatetime()
    return value


def has_text(lang: str, key: str) -> bool:
    return key in catalogue(lang)


class Translator:
    """``t("page.home.title")`` in one language; ``t.lang`` says which."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, /, **params: Any) -> str:
        return translate(self.lang, key, **params)

    @property
    def md(self) -> MarkdownTranslator:
        """The same texts for Markdown elements: ``t.md(key, name=row["learner"])`` keeps the
        catalogue's Markdown and shows every field as plain text; ``t.md.plural`` likewise.
        Pass ``t.md`` to anything that builds a text with ``t`` for a Markdown element
        (``error.render(t.md)``)."""
        return MarkdownTranslator(self.lang)

    def has(self, key: str) -> bool:
        return has_text(self.lang, key)

    def plural(self, key: str, count: int, /, **params: Any) -> str:
        """`key.one` for one, `key.other` otherwise, with `{count}` written the local way:
        '1 leerling verplaatst', '12 leerlingen verplaatst'."""
        form = "one" if count == 1 else "other"
        return self(f"{key}.{form}", count=self.count(count), **params)

    # -- formatting ----------------------------------------------------------------------------

    @property
    def locale(self) -> str:
        return BABEL_LOCALE[self.lang]

    def number(self, value: float | int | None, decimals: int = 1, signed: bool = False) -> str:
        """1.234,5 in Dutch; `signed` writes the sign of a change always: +3,2 and -1,0."""
        if is_blank(value):
            return "–"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        if signed:
            pattern = f"+{pattern};-{pattern}"
        return babel_numbers.format_decimal(value, format=pattern, locale=self.locale)

    def count(self, value: int | None) -> str:
        """A whole number with the local thousands separator: 1.200 in Dutch, 1,200 in English."""
        return self.number(value, 0)

    def percent(self, share: float | None, decimals: int = 0) -> str:
        """A share (0.725) as a percentage the local way: '72,5 %' in Dutch, '72.5%' in English."""
        if is_blank(share):
            return "–"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
        if self.lang == "en":
            pattern = pattern.replace(" %", "%")
        return babel_numbers.format_percent(share, format=pattern, locale=self.locale)

    def money(self, amount: float | None) -> str:
        if is_blank(amount):
            return "–"
        return babel_numbers.format_currency(amount, "EUR", locale=self.locale)

    def date(self, value: dt.date | dt.datetime | None) -> str:
        """14/10/2026; a dash for None, NaT or NaN (a Timestamp or datetime64 is fine too)."""
        if is_blank(value):
            return "–"
        return babel_dates.format_date(_as_date(value), DATE_PATTERN[self.lang],
                                       locale=self.locale)

    def datetime(self, value: dt.datetime | None) -> str:
        if is_blank(value):
            return "–"
        return babel_dates.format_datetime(
            _as_date(value), DATE_PATTERN[self.lang] + " HH:mm", locale=self.locale
        )

    def weekday(self, iso_weekday: int, width: str = "wide") -> str:
        names = babel_dates.get_day_names(width, locale=self.locale)
        return names[iso_weekday - 1]

    def join(self, items: list[str]) -> str:
        """'a, b en c' in Dutch, 'a, b and c' in English."""
        return babel_lists.format_list(list(items), locale=self.locale) if items else ""

    def kind(self, code: str) -> str:
        """A flex kind code ('remediation') in the interface language (remediëring)."""
        return self(f"kind.{code}")


class MarkdownTranslator(Translator):
    """A Translator whose texts are Markdown with plain fields (see ``Translator.md``)."""

    def __call__(self, key: str, /, **params: Any) -> Markdown:
        return Markdown(translate(self.lang, key, **{k: plain(v) for k, v in params.items()}))

    @property
    def md(self) -> MarkdownTranslator:
        return self

    def join(self, items: list[str]) -> Markdown:
        return Markdown(super().join([plain(item) for item in items]))
