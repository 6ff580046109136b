"""Cell values as school files write them, parsed strictly: a value parses, or it says why not.

Numbers with a decimal comma (72,5) or point, thousands dots (1.250,50), €, percentages; scores
as ``12,5/20``; Flemish absence codes in point books kept as a reason without a score; dates in a
day-month order that comes from the source (never guessed per value); identifiers kept as text,
leading zeros included. Parsers work on the distinct values of a column, so a 100,000-row point
book with a few hundred distinct scores parses in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from app.blank import is_blank

# Codes a Flemish point book uses instead of a score: kept as the reason, with no score.
ABSENCE_CODES = {
    "AFW": "AFW", "A": "AFW", "AFWEZIG": "AFW",
    "GAFW": "GAFW", "GA": "GAFW", "GEWETTIGD AFWEZIG": "GAFW",
    "ONW": "ONW", "OA": "ONW",
    "ZT": "ZT", "ZIEK": "ZT",
    "VR": "VR", "VRIJ": "VR", "VRIJGESTELD": "VR",
    "NI": "NI", "NG": "NI",
    "NVT": "NVT",
}
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_GROUPED_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_GROUPED_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DATE_PARTS = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?$")
_SCIENTIFIC = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$")
_DIGITS = re.compile(r"^[0-9]+$")
_ID_CHARACTERS = re.compile(r"^[0-9A-Za-z._/-]+$")
MAX_ID_LENGTH = 15        # stamboeknummers have 7 or 8 digits, personnel numbers up to 11


class Invalid(ValueError):
    """A value that does not parse; ``key`` names the reason in the catalogues."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def text(value: object) -> str | None:
    """A cell as trimmed text; numbers from Excel lose a meaningless '.0'."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return _SPACES.sub(" ", str(value)).strip()


def identifier(value: object, digits_only: bool = False) -> str:
    """An identifier (stamboeknummer, personnel number): always text, leading zeros kept.

    Refused: Excel's scientific notation (``9,00E+05``: the column was stored as a number and
    digits are gone for good), anything longer than a school system's number, and characters
    no number holds (for learners: anything but digits)."""
    result = text(value)
    if result is None:
        raise Invalid("value.missing")
    result = result.replace(" ", "")
    if _SCIENTIFIC.match(result):
        raise Invalid("value.id_scientific")
    if len(result) > MAX_ID_LENGTH:
        raise Invalid("value.id_too_long", maximum=MAX_ID_LENGTH)
    if digits_only and not _DIGITS.match(result):
        raise Invalid("value.id_not_digits")
    if not _ID_CHARACTERS.match(result):
        raise Invalid("value.id_characters")
    return result


def learner_number(value: object) -> str:
    """A learner's stamboeknummer (or the school's learner number): digits only."""
    return identifier(value, digits_only=True)


def id_key(external_id: str) -> str:
    """What two spellings of one number share: Excel drops leading zeros ('0000001' becomes
    '1'), so an all-digit number is compared without them. The stored spelling stays as it is."""
    return external_id.lstrip("0") if _DIGITS.match(external_id) else external_id


def fold(value: str) -> str:
    """Lower case without accents or punctuation, for matching names and labels."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


# -- numbers -----------------------------------------------------------------------------------

def uses_decimal_comma(values: Iterable[object]) -> bool:
    """Whether a column writes decimals with a comma: decided once for the whole column."""
    for value in values:
        if isinstance(value, str):
            cleaned = _SPACES.sub("", value.replace("€", "").replace("%", ""))
            cleaned = cleaned.split("/")[0]
            if re.search(r"\d,\d{1,2}$", cleaned) or _GROUPED_DOT.match(cleaned):
                return True
            if re.search(r"\d\.\d{1,2}$", cleaned) or _GROUPED_COMMA.match(cleaned):
                return False
    return True  # Flemish files; a column of whole numbers is the same either way


def number(value: object, decimal_comma: bool = True) -> float:
    """72,5 · 1.250,50 · € 12 · 85 % (as 85) · 1,250.50 with decimal_comma False."""
    if isinstance(value, bool):
        raise Invalid("value.not_a_number")
    if isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value)):
        return float(value)
    raw = text(value)
    if raw is None:
        raise Invalid("value.missing")
    cleaned = _SPACES.sub("", raw.replace("€", "").replace("EUR", "").replace("%", ""))
    if decimal_comma:
        if _GROUPED_DOT.match(cleaned):
            cleaned = cleaned.replace(".", "")
        cleaned = cleaned.replace(",", ".")
    elif _GROUPED_COMMA.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.match(cleaned.replace(",", ".")):
        raise Invalid("value.not_a_number")
    result = float(cleaned)
    if not math.isfinite(result):  # hundreds of digits: no school number, and no float either
        raise Invalid("value.too_large")
    return result


def between(low: float, high: float, key: str = "value.out_of_range"
            ) -> Callable[[float], float]:
    """A check that a parsed number lies within bounds the database or the domain sets, so a
    wrong cell is a problem on its row, never a database error for the whole import."""
    def check(number: float) -> float:
        if not low <= number <= high:
            raise Invalid(key, low=_plain(low), high=_plain(high))
        return number

    return check


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def score(value: object, decimal_comma: bool = True) -> tuple[float | None, float | None,
                                                               str | None]:
    """(score, maximum, absence code): '12,5/20' → (12.5, 20, None); 'AFW' → (None, None, 'AFW');
    '72,5 %' → (72.5, 100, None); '14' → (14, None, None), the maximum from another column."""
    raw = text(value)
    if raw is None:
        raise Invalid("value.missing")
    code = ABSENCE_CODES.get(raw.upper().strip("."))
    if code:
        return None, None, code
    if "/" in raw:
        left, _, right = raw.partition("/")
        got, maximum = number(left, decimal_comma), number(right, decimal_comma)
        if maximum <= 0:
            raise Invalid("value.max_not_positive")
        return got, maximum, None
    if raw.endswith("%"):
        return number(raw, decimal_comma), 100.0, None
    return number(value, decimal_comma), None, None


def integer(value: object, low: int | None = None, high: int | None = None,
            key: str = "value.out_of_range") -> int:
    result = number(value)
    if not result.is_integer():
        raise Invalid("value.not_whole")
    if low is not None and high is not None:
        between(low, high, key)(result)
    return int(result)


def boolean(value: object) -> bool:
    raw = text(value)
    if raw is None:
        raise Invalid("value.missing")
    folded = fold(raw)
    if folded in {"ja", "j", "yes", "y", "1", "x", "waar", "true", "verplicht", "hard"}:
        return True
    if folded in {"nee", "n", "no", "0", "onwaar", "false", "advies", "adviserend",
                  "advisory"}:
        return False
    raise Invalid("value.not_yes_no")


# -- dates -------------------------------------------------------------------------------------

def date_order(values: Iterable[object]) -> str | None:
    """'dmy' or 'mdy' when the values themselves prove it (a part above 12), else None."""
    for value in values:
        if isinstance(value, str):
            head = value.strip().split(" ")[0]
            match = _DATE_PARTS.match(head)
            if match:
                first, second = int(match.group(1)), int(match.group(2))
                if first > 12 >= second:
                    return "dmy"
                if second > 12 >= first:
                    return "mdy"
    return None


def date(value: object, order: str = "dmy") -> dt.date:
    """A date from an Excel date cell, ISO text, or d/m/yyyy-like text in the given order."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    raw = text(value)
    if raw is None:
        raise Invalid("value.missing")
    head = raw.split("T")[0].split(" ")[0]
    try:
        match = _ISO_DATE.match(head)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _DATE_PARTS.match(head)
        if match:
            a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            if year < 100:
                year += 2000
            day, month = (a, b) if order == "dmy" else (b, a)
            return dt.date(year, month, day)
        match = re.match(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", head)  # Google Forms: 2026/10/14
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise Invalid("value.impossible_date") from None
    raise Invalid("value.not_a_date")


def date_within(order: str, earliest: int, latest: int, key: str = "value.year_out_of_range"
                ) -> Callable[[object], dt.date]:
    """A date parser that refuses years outside [earliest, latest]: a birth year 2099, a start
    in 1850 or a year 20260 is a typing error, and it is named on its row."""
    def parse(value: object) -> dt.date:
        parsed = date(value, order)
        if not earliest <= parsed.year <= latest:
            raise Invalid(key, earliest=earliest, latest=latest)
        return parsed

    return parse


def timestamp(value: object, order: str = "dmy") -> dt.datetime:
    """A moment: '14/10/2026 09:12:33', '2026/10/14 9:12:33 AM GMT+2', Excel cells, ISO."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    raw = text(value)
    if raw is None:
        raise Invalid("value.missing")
    raw = re.sub(r"(\d)T(\d)", r"\1 \2", raw)  # ISO 2026-10-14T09:12:33
    raw = re.sub(r"\s*(GMT|UTC)[+-]?\d*(:\d\d)?$", "", raw).strip()
    raw = re.sub(r"\.\d+$", "", raw)  # fractions of a second
    day_part, _, time_part = raw.partition(" ")
    moment = dt.datetime.combine(date(day_part, order), dt.time())
    if time_part:
        match = _TIME.match(time_part.strip())
        if not match:
            raise Invalid("value.not_a_date")
        hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
        meridiem = (match.group(4) or "").upper()
        if meridiem == "PM" and hour < 12:
            hour += 12
        if meridiem == "AM" and hour == 12:
            hour = 0
        try:
            moment = moment.replace(hour=hour, minute=minute, second=second)
        except ValueError:
            raise Invalid("value.impossible_date") from None
    return moment


# -- whole columns -----------------------------------------------------------------------------

def years_of_study(value: object) -> list[int]:
    """Years of study as people write them: '1', '1,2', '1-2', '1 tot 2', '2e graad'."""
    text = fold(str(value)).replace("e graad", " graad")
    grade = re.match(r"^(\d) graad$", text)
    if grade:
        g = int(grade.group(1))
        return [2 * g - 1, 2 * g]
    span = re.match(r"^(\d)\s*(?:tot|to|t m)?\s+(\d)$", text)
    if span and int(span.group(1)) <= int(span.group(2)):
        return list(range(int(span.group(1)), int(span.group(2)) + 1))
    numbers = [int(n) for n in re.findall(r"\d", text)]
    if not numbers or any(not 1 <= n <= 7 for n in numbers):
        raise Invalid("import.problem.years")
    return sorted(set(numbers))


def parse_column(values: pd.Series, parser: Callable[[object], Any]
                 ) -> tuple[list[Any], dict[int, Invalid]]:
    """Apply a parser to each distinct value once; results in order, and failures by position.

    School files repeat their values (classes, subjects, periods, scores), so a column of
    100,000 cells has a few hundred distinct values: parse those, then map back by position."""
    codes, distinct = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    outcomes: list[Any] = []
    problems: dict[int, Invalid] = {}      # code -> why its value does not parse
    for code, value in enumerate([*distinct, None]):  # the last one: an empty cell (code -1)
        try:
            outcomes.append(parser(value))
        except Invalid as problem:
            # Only plain data is kept: an exception's traceback holds the caller's frames, and
            # numpy arrays of objects are invisible to the garbage collector (a leak).
            problems[code if code < len(distinct) else -1] = Invalid(problem.key,
                                                                     **problem.params)
            outcomes.append(None)
    lookup = np.empty(len(outcomes), dtype=object)
    lookup[:] = outcomes
    mapped = lookup[codes]  # code -1 picks the last entry: the empty cell's outcome
    failures: dict[int, Invalid] = {}
    if problems:
        for position in np.flatnonzero(np.isin(codes, list(problems))):
            failures[int(position)] = problems[int(codes[position])]
    return mapped.tolist(), failures


def text_column(values: pd.Series) -> list[str | None]:
    """Every cell as trimmed text (see `text`), computed once per distinct value."""
    return parse_column(values, text)[0]
