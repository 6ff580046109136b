"""``python -m app``: what an administrator scripts, headless.

Every subcommand takes ``--db PATH`` (else ``FLEXWIJS_DB``, else ``data/flexwijs.duckdb``) and
creates and migrates the database when needed. Messages speak Dutch unless ``--lang en`` or
``FLEXWIJS_LANG=en``. A refusal prints what is wrong and exits non-zero, without a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Sequence

from app import config
from app.db import Database
from app.errors import UserError
from app.i18n import Translator

EXIT_OK = 0
EXIT_REFUSED = 2
EXIT_UNEXPECTED = 1

Handler = Callable[[argparse.Namespace, Translator], int]
_COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _COMMANDS[name] = handler
        return handler

    return register


def open_db(args: argparse.Namespace) -> Database:
    return Database(config.resolve_db_path(args.db))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH",
        help="database file (default: $FLEXWIJS_DB, else data/flexwijs.duckdb)",
    )
    parser.add_argument("--lang", choices=config.LANGUAGES, help="language of the messages")
    parser.add_argument("--debug", action="store_true",
                        help="show the full technical details of an unexpected error")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description=(
            "Flexwijs on the command line: build a demo school, import and export files, "
            "compose flex groups, measure speed, back up, and manage users. "
            "Every command works on one database file, created and updated when needed."
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = sub.add_parser(
        "demo", help="fill an empty database with a realistic demo school",
        description="Build a deterministic demo school: one seed and date, one school.",
    )
    _common(demo)
    demo.add_argument("--learners", type=int, default=600, help="number of learners (default 600)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                      help="the date the demo school is at (default: today)")
    demo.add_argument("--if-empty", action="store_true",
                      help="do nothing when the database already holds learners")

    stats = sub.add_parser("stats", help="count the rows per entity",
                           description="Print how many learners, results, ... the database holds.")
    _common(stats)
    stats.add_argument("--json", action="store_true", help="print one JSON object")

    return parser


@command("demo")
def _demo(args: argparse.Namespace, t: Translator) -> int:
    from app.demo import build_demo

    with open_db(args) as db:
        if args.if_empty and db.scalar("common/count_learners"):
            print(t("cli.demo.skipped", path=str(db.path)))
            return EXIT_OK
        interactive = sys.stderr.isatty()

        def progress(share: float, step: str) -> None:
            if interactive:
                print(f"\r{t('cli.demo.progress', percent=round(share * 100))} ", end="",
                      file=sys.stderr, flush=True)

        summary = build_demo(db, learners=args.learners, seed=args.seed, today=args.today,
                             progress=progress)
        if interactive:
            print(file=sys.stderr)
        print(t("cli.demo.done", learners=summary.learners, staff=summary.staff,
                classes=summary.classes, results=summary.results,
                seconds=t.number(summary.seconds, 1), path=str(db.path)))
    return EXIT_OK


@command("stats")
def _stats(args: argparse.Namespace, t: Translator) -> int:
    from app.stats import counts

    with open_db(args) as db:
        numbers = counts(db)
    if args.json:
        print(json.dumps(numbers, sort_keys=True))
    else:
        width = max(len(k) for k in numbers)
        for key, value in numbers.items():
            print(f"{key:<{width}}  {value:>10}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    t = Translator(args.lang or config.default_language())
    try:
        return _COMMANDS[args.command](args, t)
    except UserError as error:
        print(error.render(t), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as error:
        if args.debug:
            raise
        print(t("cli.unexpected", kind=type(error).__name__, detail=str(error)[:300]),
              file=sys.stderr)
        return EXIT_UNEXPECTED

