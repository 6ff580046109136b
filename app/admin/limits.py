"""Beheer: the limits an administrator changes on the command line (`python -m app settings
set`): what one uploaded file may hold, and how many hours a sign-in lasts."""

from __future__ import annotations

from app import permissions, settings
from app.auth import Viewer
from app.db import Database
from app.errors import UserError

# What the administrator may change on the command line (`python -m app settings set`): the
# limits on what one uploaded file may hold, and how many hours a sign-in lasts; whole numbers
# above zero.
LIMITS = ("import.max_megabytes", "import.max_rows", "import.max_cells",
          "import.max_unzipped_megabytes", "session.hours")


def set_limit(db: Database, viewer: Viewer, key: str, text: str) -> int:
    """Change one upload limit; refused unless the key is a limit and the value a positive
    whole number."""
    permissions.require(db, viewer, "admin.settings")
    if key not in LIMITS:
        raise UserError("settings.error.not_a_limit", setting=key, limits=", ".join(LIMITS))
    try:
        value = int(text.replace(".", "").replace("_", "").strip())
    except ValueError:
        raise UserError("settings.error.not_a_number", value=text) from None
    if value <= 0:
        raise UserError("settings.error.not_a_number", value=text)
    with db.transaction(viewer.audit("edit", "setting", detail=f"{key}={value}")) as tx:
        settings.put(tx, key, value)
    return value
