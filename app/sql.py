"""Named SQL: one query per file under ``queries/``, called by name with ``$named`` parameters.

A query's name is its path below ``queries/`` without ``.sql`` (``"home/open_needs"``). The
parameters a query takes are read from its text, so callers may pass a superset (DuckDB refuses
excess parameters) and a missing one fails loudly before DuckDB sees it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.config import QUERIES_DIR

_NAME = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)*$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# Comments and string literals may contain "$" that are not parameters.
_COMMENT_OR_STRING = re.compile(r"--[^\n]*|'(?:[^']|'')*'")


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    params: frozenset[str]

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        missing = self.params - values.keys()
        if missing:
            raise TypeError(f"query {self.name!r} needs parameters {sorted(missing)}")
        return {key: values[key] for key in self.params}


def parameters_of(text: str) -> frozenset[str]:
    return frozenset(_PARAM.findall(_COMMENT_OR_STRING.sub(" ", text)))


@functools.cache
def query(name: str) -> Query:
    if not _NAME.match(name):
        raise ValueError(f"not a query name: {name!r}")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise LookupError(f"no query file {path.relative_to(QUERIES_DIR.parent)}")
    text = path.read_text(encoding="utf-8")
    return Query(name=name, text=text, params=parameters_of(text))


def all_query_names() -> list[str]:
    """Every query file except schema migrations, which run as scripts."""
    names = []
    for path in sorted(QUERIES_DIR.rglob("*.sql")):
        relative = path.relative_to(QUERIES_DIR).with_suffix("")
        if relative.parts[0] == "schema":
            continue
        names.append("/".join(relative.parts))
    return names
