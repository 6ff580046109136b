"""Interface texts in Dutch and English, from ``app/locales/<lang>.toml``.

A catalogue is nested TOML; a text is addressed by its dotted path (``"page.home.title"``) and may
carry ``{named}`` fields. Numbers and dates are formatted the Flemish way in Dutch (72,5 %;
14/10/2026) and the British way in English, through Babel.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from app.config import DEFAULT_LANGUAGE, LANGUAGES

LOCALES_DIR = Path(__file__).parent / "locales"
BABEL_LOCALE = {"nl": "nl_BE", "en": "en_GB"}
DATE_PATTERN = {"nl": "dd/MM/yyyy", "en": "dd/MM/yyyy"}

log = logging.getLogger(__name__)


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
    """`locales/<lang>.toml` plus every `locales/<lang>/*.toml` (one file per part of the
    product); a key defined twice is an error, not a silent override."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    files = [LOCALES_DIR / f"{lang}.toml", *sorted((LOCALES_DIR / lang).glob("*.toml"))]
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
        # A missing key is a bug caught by the catalogue tests; in production show the key
        # rather than crash a page in front of a user.
        log.error("missing text %r in %s catalogue", key, lang)
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        log.error("text %r in %s does not fit parameters %s", key, lang, sorted(params))
        return text


def has_text(lang: str, key: str) -> bool:
    return key in catalogue(lang)


class Translator:
    """``t("page.home.title")`` in one language; ``t.lang`` says which."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, /, **params: Any) -> str:
        return translate(self.lang, key, **params)

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

    def number(self, value: float | int | None, decimals: int = 1) -> str:
        if value is None or value != value:  # None or NaN
            return "–"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return babel_numbers.format_decimal(value, format=pattern, locale=self.locale)

    def count(self, value: int | None) -> str:
        """A whole number with the local thousands separator: 1.200 in Dutch, 1,200 in English."""
        return self.number(value, 0)

    def percent(self, share: float | None, decimals: int = 0) -> str:
        """A share (0.725) as a percentage the local way: '72,5 %' in Dutch, '72.5%' in English."""
        if share is None or share != share:
            return "–"
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
        if self.lang == "en":
            pattern = pattern.replace(" %", "%")
        return babel_numbers.format_percent(share, format=pattern, locale=self.locale)

    def money(self, amount: float | None) -> str:
        if amount is None or amount != amount:
            return "–"
        return babel_numbers.format_currency(amount, "EUR", locale=self.locale)

    def date(self, value: dt.date | dt.datetime | None) -> str:
        if value is None:
            return "–"
        return babel_dates.format_date(value, DATE_PATTERN[self.lang], locale=self.locale)

    def datetime(self, value: dt.datetime | None) -> str:
        if value is None:
            return "–"
        return babel_dates.format_datetime(
            value, DATE_PATTERN[self.lang] + " HH:mm", locale=self.locale
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
