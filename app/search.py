"""What a person types to find someone: every word must occur in what is searched.

"Lotte Verbeke", "Verbeke, Lotte" and "verbeke 1a" all find Lotte Verbeke of 1A; "De Clercq,
Stan" finds him in the form every list shows. The SQL macro ``matches_words`` (migration 015)
is the same rule for the searches that run in the database; tests/test_search.py checks that
the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[ \t\r\n,]+")


def words(query: str | None) -> list[str]:
    """The words of a search, in lower case (as SQL's lower)."""
    return [w for w in _SEPARATORS.split((query or "").lower()) if w]


def matches(haystacks: Iterable[str | None], query: str | None) -> list[bool]:
    """For each text searched, whether every word of the query occurs in it; nothing matches
    an empty query."""
    wanted = words(query)
    return [bool(wanted) and all(w in (text or "").lower() for w in wanted) for text in haystacks]
