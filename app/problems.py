"""What is wrong with one value a person gave: the one shape for an import file's cell, an
editor's cell and a form's field. Each part words it for its own screen (the import preview,
the offer editor, the team's forms); the facts are the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    row: int | str      # as the person sees it: a file's row as Excel shows it, an editor's
                        # 1-based row, an indicator's number
    column: str         # the column's header in the file, or the catalogue key of its name
    value: object       # what was given (shortened where it is long)
    reason: str         # catalogue key of the reason
    params: dict = field(default_factory=dict)
