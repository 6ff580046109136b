"""Where things are, and the few settings that come from the environment, not the database."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_ROOT / "queries"
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DB_PATH = DATA_DIR / "flexwijs.duckdb"

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """The database file: ``--db`` if given, else ``FLEXWIJS_DB``, else ``data/flexwijs.duckdb``."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    from_env = os.environ.get("FLEXWIJS_DB")
    if from_env:
        return Path(from_env).expanduser().resolve()
    return DEFAULT_DB_PATH


def db_path_from_argv(argv: list[str]) -> str | None:
    """``--db PATH`` or ``--db=PATH`` among script arguments.

    (``streamlit run app/main.py -- --db x`` passes them to the script.)
    """
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg.split("=", 1)[1]
    return None


def default_language() -> str:
    lang = os.environ.get("FLEXWIJS_LANG", DEFAULT_LANGUAGE).lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE
