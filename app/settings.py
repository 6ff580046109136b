"""School-level settings stored in the database (``setting`` table, JSON values).

Every setting has a default here, so a fresh database behaves sensibly and the code never reads
a key that nobody documented.
"""

from __future__ import annotations

import json
from typing import Any

from app.db import Database, Transaction

DEFAULTS: dict[str, Any] = {
    "school.name": "",
    "school.demo": False,             # the demo school: the home page says so
    "flex.cycle_weeks": 3,            # the school's fixed switching moments
    "import.max_megabytes": 50,       # the largest upload accepted
    # What one file may hold, read or unpacked (app.importing.reading.Limits): twice the largest
    # real file, a point book of 100,000 rows of up to 10 columns (45 MB of XML in an XLSX).
    "import.max_rows": 200_000,
    "import.max_cells": 1_000_000,
    "import.max_unzipped_megabytes": 100,
    # An erasure whose database file still waits for its rewrite (app.admin.privacy): set in the
    # erasure's own transaction, cleared once the file is rewritten.
    "privacy.compact_pending": False,
    # Routing from results (the last period with results): below this share a remediation need
    # in that subject, above that one deepening is offered.
    "flex.rule.remediation_below": 0.5,
    "flex.rule.deepening_above": 0.8,
    # Fairness over time: at most K cycles in a row with only remediation (unless a hard
    # decision says so), and a session of one's own choice at least once every M cycles.
    "flex.fairness.max_remediation_cycles": 2,
    "flex.fairness.choice_every_cycles": 3,
    # Recomposing a cycle that has a published version: what moving one learner out of their
    # published group costs, in the weights of app/flex/routing.py (a first choice is 6, a
    # class council's need up to 12; a fairness rule 100, a binding decision 400). At 20 the
    # groups change only where a rule or several wishes together need it.
    "flex.recompose.move_cost": 20,
    # Class council: a learner's latest well-being answers below this share of the scale are
    # marked; progress: groups smaller than this are too small to conclude anything, and a gain
    # of at least this share of the maximum is a success to celebrate.
    "council.low_wellbeing_below": 0.5,
    "progress.min_group": 5,
    "progress.success_gain": 0.10,
    # How long a sign-in lasts in a browser (refresh, second tab) before it asks again: a
    # working day (app/sessions.py).
    "session.hours": 10,
}


def load(db: Database) -> dict[str, Any]:
    stored = {row["key"]: json.loads(row["value"]) for row in db.records("common/settings")}
    return {**DEFAULTS, **stored}


def load_in(tx: Transaction) -> dict[str, Any]:
    """The settings as a transaction sees them."""
    stored = {row["key"]: json.loads(row["value"]) for row in tx.records("common/settings")}
    return {**DEFAULTS, **stored}


def get(db: Database, key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    return load(db)[key]


def put(tx: Transaction, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    tx.execute("common/upsert_setting", key=key, value=json.dumps(value))


# What the flex team may set on the Aanbod page, with the bounds the interface enforces.
FLEX_RULES: dict[str, tuple[float, float, float]] = {
    "flex.rule.remediation_below": (0.0, 1.0, 0.05),
    "flex.rule.deepening_above": (0.0, 1.0, 0.05),
    "flex.fairness.max_remediation_cycles": (1, 12, 1),
    "flex.fairness.choice_every_cycles": (1, 12, 1),
    "flex.recompose.move_cost": (0, 99, 1),
}
