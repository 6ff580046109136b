"""``python -m app``: what an administrator scripts, headless.

Every subcommand takes ``--db PATH`` (else ``FLEXWIJS_DB``, else ``data/flexwijs.duckdb``) and
creates and migrates the database when needed. Messages speak Dutch unless ``--lang en`` or
``FLEXWIJS_LANG=en``. A refusal prints what is wrong and exits non-zero, without a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import errno
import getpass
import json
import logging
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

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


ROLE_CHOICES = ("admin", "director", "flex_team", "class_council", "teacher", "adviser")


# What each command is for, keyed by the words typed ("users add" for a command within one):
# its line in the list of commands, and the paragraph its --help opens with (None: that line
# says it all).
ABOUT: dict[str, tuple[str, str | None]] = {
    "demo": ("fill an empty database with a realistic demo school",
             "Build a deterministic demo school: one seed and date, one school."),
    "stats": ("count the rows per entity",
              "Print how many learners, results, ... the database holds."),
    "users": ("manage who may sign in, and with which roles",
              "Accounts and roles. Roles: " + ", ".join(ROLE_CHOICES)),
    "users add": ("create an account", None),
    "users list": ("show every account", None),
    "users set": ("change roles, classes or whether an account works", None),
    "users password": ("set a new password (asked or generated)", None),
    "settings": (
        "show the upload limits and the sign-in duration, or change one",
        "What one uploaded file may hold: import.max_megabytes (the file), "
        "import.max_rows, import.max_cells (rows x columns) and import.max_unzipped_megabytes "
        "(an Excel file unpacked). Raise one when a real file of the school is refused. "
        "session.hours: how long a sign-in lasts in a browser (default 10, a working day)."),
    "settings list": ("show every limit and its value", None),
    "settings set": ("change one limit", None),
    "erase": (
        "erase learners for good, also from every copy Flexwijs made",
        "Erase one learner, or every learner who left before a date. Results, needs, "
        "notes, placements and attendance go; survey answers stay, linked to nobody; the audit "
        "log keeps ids and counts. The backups, the files kept by a restore and the backups "
        "made with backup --out are rewritten without them; damaged logs are deleted; then the "
        "file itself is rewritten. The result says what remains where. Run it again for a "
        "learner already erased to finish an erasure that was cut off."),
    "backup": (
        "make a consistent copy, also while the app runs",
        "Copy the database into FILE. While the app holds the database, the app "
        "makes the copy itself and this command copies it to FILE."),
    "import": (
        "import a CSV or Excel export (learners, results, surveys, ...)",
        "Read an export, check every row, and write it in one transaction: all "
        "rows or none (unless --partial). Prints a one-line summary, or the problems per row."),
    "undo-import": ("undo the latest import", None),
    "export": (
        "export learners, results, needs, a survey, ... to CSV or XLSX",
        "The same files as the download buttons. Text a spreadsheet would run as "
        "a formula is made harmless; an XLSX contains no formulas."),
    "compose": (
        "compose the flex groups of a cycle and store them as its proposal",
        "Compose the cycle that starts at --week (default: the next one to start) "
        "to a proven optimum, keeping placements locked by hand, and store it as the cycle's "
        "proposal for the flex team to check and publish."),
    "bench": (
        "measure speed and memory on demo schools of several sizes",
        "Build demo schools (default 600, 2,000 and 5,000 learners), each in its "
        "own process, and measure page script times (median of reruns), peak memory, chart "
        "payloads, import throughput and composition, with their baselines in the same run."),
    "restore": (
        "put a backup in place of the database (stop the app first)",
        "Replace the database by a backup. The current file is kept beside it as "
        "*.before-restore-<time>. A backup from an older version is migrated."),
}


def _subcommand(commands: argparse._SubParsersAction, words: str,
                common: bool = True) -> argparse.ArgumentParser:
    """The parser of a command, its texts from ABOUT. Unless it only holds commands of its own
    (common=False), it takes the options every command takes: --db, --lang and --debug."""
    help_text, description = ABOUT[words]
    parser = commands.add_parser(words.rpartition(" ")[2], help=help_text,
                                 description=description)
    if common:
        parser.add_argument(
            "--db", metavar="PATH",
            help="database file (default: $FLEXWIJS_DB, else data/flexwijs.duckdb)",
        )
        parser.add_argument("--lang", choices=config.LANGUAGES, help="language of the messages")
        parser.add_argument("--debug", action="store_true",
                            help="show the full technical details of an unexpected error")
    return parser


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

    demo = _subcommand(sub, "demo")
    demo.add_argument("--learners", type=int, default=600, help="number of learners (default 600)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                      help="the date the demo school is at (default: today)")
    demo.add_argument("--if-empty", action="store_true",
                      help="do nothing when the database already holds learners")
    demo.add_argument("--leave", action="store_true",
                      help="leave demo mode instead: the school is no longer a demo and every "
                      "demo account is switched off for good (its password removed); the data "
                      "stays")

    stats = _subcommand(sub, "stats")
    stats.add_argument("--json", action="store_true", help="print one JSON object")

    users = _subcommand(sub, "users", common=False)
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = _subcommand(users_sub, "users add")
    add.add_argument("email")
    add.add_argument("--role", action="append", required=True, choices=ROLE_CHOICES,
                     help="a role; repeat for several")
    add.add_argument("--name", help="display name (default: the part before @)")
    add.add_argument("--class", dest="classes", action="append", default=[], metavar="CODE",
                     help="a class of this school year for a class-council member, e.g. 1A")
    add.add_argument("--staff", metavar="PERSONNEL_NUMBER",
                     help="link to this staff member (default: the one with the same e-mail)")
    how = add.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input (for scripts)")
    how.add_argument("--no-password", action="store_true",
                     help="no local password: the account signs in through the school's OIDC")
    listing = _subcommand(users_sub, "users list")
    listing.add_argument("--json", action="store_true")
    change = _subcommand(users_sub, "users set")
    change.add_argument("email")
    change.add_argument("--role", action="append", choices=ROLE_CHOICES)
    change.add_argument("--class", dest="classes", action="append", metavar="CODE")
    change.add_argument("--name")
    state = change.add_mutually_exclusive_group()
    state.add_argument("--disable", action="store_true", help="the account can no longer sign in")
    state.add_argument("--enable", action="store_true")
    password = _subcommand(users_sub, "users password")
    password.add_argument("email")
    password.add_argument("--password-stdin", action="store_true")

    school = _subcommand(sub, "settings", common=False)
    school_sub = school.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    _subcommand(school_sub, "settings list")
    changed = _subcommand(school_sub, "settings set")
    changed.add_argument("key", metavar="KEY")
    changed.add_argument("value", metavar="NUMBER")

    erase = _subcommand(sub, "erase")
    who = erase.add_mutually_exclusive_group(required=True)
    who.add_argument("--learner", metavar="ID", help="the learner's stamboeknummer")
    who.add_argument("--left-before", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                     help="every learner who left the school before this date")
    erase.add_argument("--dry-run", action="store_true", help="only show who would be erased")

    backup = _subcommand(sub, "backup")
    backup.add_argument("--out", required=True, metavar="FILE", help="where the copy goes")

    imp = _subcommand(sub, "import")
    imp.add_argument("kind", metavar="KIND",
                     help="learners, staff, results, needs, flex-sessions, survey, ...")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    imp.add_argument("--sheet", help="the sheet of an Excel file (default: the first)")
    imp.add_argument("--date-order", choices=("dmy", "mdy"),
                     help="day-month order of dates, when the file cannot prove it")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help="link a field to a column the names do not match; repeatable")
    imp.add_argument("--partial", action="store_true",
                     help="import the correct rows and set the others aside")
    imp.add_argument("--title", help="survey: its name (default: from the file name)")
    imp.add_argument("--tag", choices=("wellbeing", "self_reflection", "professional_needs",
                                       "evaluation", "time_registration"),
                     help="survey: what it is used for")
    _subcommand(sub, "undo-import")

    exp = _subcommand(sub, "export")
    exp.add_argument("kind", metavar="KIND",
                     help="learners, results, needs, survey, assignments, sessions")
    exp.add_argument("--out", required=True, metavar="FILE")
    exp.add_argument("--week", metavar="YYYY-Www",
                     help="assignments, sessions: the flex plan of the cycle this week is in")
    exp.add_argument("--published", action="store_true",
                     help="assignments, sessions: the latest published version, not the proposal")
    exp.add_argument("--format", choices=("csv", "xlsx"), help="default: from --out's ending")
    exp.add_argument("--survey", type=int, metavar="ID", help="survey: which one")
    exp.add_argument("--pseudonymise", action="store_true",
                     help="replace learners by pseudonyms, for files that leave the school")

    comp = _subcommand(sub, "compose")
    comp.add_argument("--week", metavar="YYYY-Www", help="a week of the cycle to compose")
    comp.add_argument("--json", action="store_true", help="print one JSON object")

    bench = _subcommand(sub, "bench")
    bench.add_argument("--json", action="store_true", help="print one JSON object keyed by size")
    bench.add_argument("--markdown", action="store_true", help="print the README's table")
    bench.add_argument("--from-json", metavar="FILE",
                       help="format the figures of an earlier --json run instead of measuring")
    bench.add_argument("--learners", type=int, action="append", metavar="N",
                       help="a school size; repeat for several (default 600, 2000, 5000)")
    bench.add_argument("--repeats", type=int, default=5, help="timed repeats per measure")
    bench.add_argument("--child", type=int, help=argparse.SUPPRESS)

    restore = _subcommand(sub, "restore")
    restore.add_argument("--from", dest="source", required=True, metavar="FILE")

    return parser


@command("demo")
def _demo(args: argparse.Namespace, t: Translator) -> int:
    from app.auth import COMMAND_LINE
    from app.demo import build_demo, leave_demo

    with open_db(args) as db:
        if args.leave:
            left = leave_demo(db, COMMAND_LINE)
            if not left.was_demo and not left.accounts:
                print(t("cli.demo.not_demo", path=str(db.path)))
                return EXIT_OK
            print(t("cli.demo.left", path=str(db.path), accounts=left.accounts))
            if not left.own_admins:
                print(t("cli.demo.no_own_admin", path=str(db.path)))
            return EXIT_OK
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
    from app.admin import control
    from app.admin.stats import counts
    from app.errors import DatabaseLocked

    try:
        with open_db(args) as db:
            numbers = counts(db)
    except DatabaseLocked:
        answer = control.ask(config.resolve_db_path(args.db), {"command": "stats"})
        if not answer or not answer.get("ok"):
            raise
        numbers = answer["counts"]
    if args.json:
        print(json.dumps(numbers, sort_keys=True))
    else:
        width = max(len(k) for k in numbers)
        for key, value in numbers.items():
            print(f"{key:<{width}}  {value:>10}")
    return EXIT_OK


def _ask_password(args: argparse.Namespace, t: Translator) -> tuple[str, bool]:
    """The new password, and whether it was generated (then it is printed once)."""
    from app import auth

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n"), False
    if sys.stdin.isatty():
        first = getpass.getpass(t("cli.users.password_prompt"))
        if first:
            if getpass.getpass(t("cli.users.password_again")) != first:
                raise UserError("cli.users.password_mismatch")
            return first, False
    return auth.generate_password(), True


def _class_ids(db: Database, codes: list[str]) -> list[int]:
    from app import clock
    from app.school import school_calendar

    if not codes:
        return []
    year = school_calendar.school_year_of(clock.today())
    found = db.read("auth/class_ids_by_code", school_year=year, codes=[c.upper() for c in codes])
    missing = sorted({c.upper() for c in codes} - set(found["code"]))
    if missing:
        raise UserError("cli.users.unknown_classes", classes=", ".join(missing), year=year)
    return [int(c) for c in found["class_id"]]


def _user(db: Database, email: str) -> dict:
    from app import auth

    row = db.one("auth/user_by_email", email=auth.normalise_email(email))
    if row is None:
        raise UserError("cli.users.unknown", email=email)
    return db.one("auth/user", user_id=row["user_id"])


@command("users")
def _users(args: argparse.Namespace, t: Translator) -> int:
    from app import auth
    from app.admin import users

    with open_db(args) as db:
        if args.users_command == "list":
            frame = auth.users(db)
            rows = [
                {"email": r.email, "name": r.display_name, "roles": list(r.roles),
                 "classes": list(r.classes), "active": bool(r.is_active),
                 "demo": bool(r.is_demo)}
                for r in frame.itertuples()
            ]
            if args.json:
                print(json.dumps(rows, ensure_ascii=False))
            for row in [] if args.json else rows:
                state = "" if row["active"] else f" ({t('cli.users.disabled')})"
                classes = f" [{', '.join(row['classes'])}]" if row["classes"] else ""
                print(f"{row['email']:<40} {', '.join(row['roles'])}{classes}{state}")
            return EXIT_OK
        if args.users_command == "add":
            email = auth.normalise_email(args.email)
            staff_id = None
            if args.staff:
                found = _one_by_number(db, "auth/staff_by_external_id", args.staff)
                if found is None:
                    raise UserError("cli.users.unknown_staff", staff=args.staff)
                staff_id = found["staff_id"]
            else:
                staff_id = db.scalar("auth/staff_by_email", email=email)
            password, generated = (None, False) if args.no_password else _ask_password(args, t)
            users.add_user(
                db, auth.COMMAND_LINE, email=email,
                name=args.name or email.split("@")[0], roles=args.role,
                class_ids=_class_ids(db, args.classes), staff_id=staff_id, password=password,
            )
            print(t("cli.users.added", email=email, roles=", ".join(args.role)))
            if generated:
                print(t("cli.users.generated", password=password))
            return EXIT_OK
        user = _user(db, args.email)
        if args.users_command == "password":
            password, generated = _ask_password(args, t)
            users.set_password(db, auth.COMMAND_LINE, int(user["user_id"]), password)
            print(t("cli.users.password_set", email=user["email"]))
            if generated:
                print(t("cli.users.generated", password=password))
            return EXIT_OK
        roles = args.role or list(user["roles"])
        classes = (_class_ids(db, args.classes) if args.classes is not None
                   else list(user["class_ids"]))
        active = True if args.enable else False if args.disable else bool(user["is_active"])
        users.update_user(db, auth.COMMAND_LINE, int(user["user_id"]),
                         name=args.name or user["display_name"], roles=roles, class_ids=classes,
                         staff_id=user["staff_id"], is_active=active)
        print(t("cli.users.updated", email=user["email"], roles=", ".join(sorted(roles))))
    return EXIT_OK


def _one_by_number(db: Database, query: str, number: str) -> dict | None:
    """The one person with this number (exactly, or up to the leading zeros Excel drops);
    refused when two people differ only in those zeros."""
    number = number.strip().replace(" ", "")
    found = db.records(query, external_id=number)
    if found and (found[0]["external_id"] == number or len(found) == 1):
        return found[0]
    if found:
        raise UserError("cli.number_twins", number=number,
                        ids=", ".join(r["external_id"] for r in found))
    return None


@command("settings")
def _settings(args: argparse.Namespace, t: Translator) -> int:
    from app import settings
    from app.admin import limits
    from app.auth import COMMAND_LINE

    with open_db(args) as db:
        if args.settings_command == "set":
            value = limits.set_limit(db, COMMAND_LINE, args.key, args.value)
            print(t("cli.settings.set", key=args.key, value=value))
            return EXIT_OK
        current = settings.load(db)
        for key in limits.LIMITS:
            print(f"{key:<32} {current[key]}")
    return EXIT_OK


@command("erase")
def _erase(args: argparse.Namespace, t: Translator) -> int:
    from app.admin import privacy
    from app.auth import COMMAND_LINE

    with open_db(args) as db:
        if args.learner:
            row = _one_by_number(db, "privacy/learner_by_external_id", args.learner)
            if row is None and not args.dry_run:
                # Erased before, perhaps cut off halfway: finish the rewrite, reach the copies.
                done = privacy.finish(db, COMMAND_LINE, also=[args.learner.strip()])
                if not done.reached_anything and not done.pending:
                    raise UserError("privacy.error.unknown_learner")
                print("\n".join(privacy.describe(done, t)))
                return EXIT_OK
            if row is None:
                raise UserError("privacy.error.unknown_learner")
            ids = [int(row["learner_id"])]
        else:
            leavers = privacy.left_before(db, COMMAND_LINE.scope, args.left_before)
            ids = [int(i) for i in leavers["learner_id"]]
        footprint = privacy.footprint(db, ids) if ids else {}
        print(t("cli.erase.plan", learners=len(ids),
                rows=", ".join(f"{t(f'entity.{k}')}: {t.count(v)}" for k, v in footprint.items()
                              if v) or "–"))
        if args.dry_run or not ids:
            print(t("cli.erase.dry_run") if args.dry_run else t("cli.erase.nobody"))
            return EXIT_OK
        done = privacy.erase(db, COMMAND_LINE, ids)
        print("\n".join(privacy.describe(done, t)))
    return EXIT_OK


@command("backup")
def _backup(args: argparse.Namespace, t: Translator) -> int:
    from app.admin import backup, control
    from app.auth import COMMAND_LINE
    from app.errors import DatabaseLocked

    out = Path(args.out).expanduser().resolve()
    if out.exists():
        raise UserError("db.error.target_exists", path=str(out))
    path = config.resolve_db_path(args.db)
    try:
        db = Database(path, extra_dirs=[out.parent])
    except DatabaseLocked:
        answer = control.ask(path, {"command": "backup", "out": str(out)})
        if answer and answer.get("key"):
            raise UserError(answer["key"], **answer.get("params", {})) from None
        if not answer or not answer.get("ok"):
            raise
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(answer["path"], out)
        except OSError as error:
            out.unlink(missing_ok=True)  # never a half copy that blocks the next try
            if error.errno == errno.ENOSPC:
                raise UserError("db.error.disk_full_backup") from None
            raise
        via = t("cli.backup.via_app")
    else:
        with db:
            # The log keeps the full path: an erasure reaches this copy too (app.admin.privacy).
            backup.backup_to(db, COMMAND_LINE, out)
        via = ""
    facts = backup.inspect(out)
    print(t("cli.backup.done", path=str(out), learners=facts["learners"],
            results=facts["results"]) + via)
    return EXIT_OK


@command("import")
def _import(args: argparse.Namespace, t: Translator) -> int:
    from app.auth import COMMAND_LINE
    from app.importing import pipeline

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise UserError("backup.error.missing", path=str(path))
    mapping = None
    if args.map:
        mapping = dict(item.split("=", 1) for item in args.map if "=" in item)
    options = {"title": args.title, "tag": args.tag}
    with open_db(args) as db:
        prepared = pipeline.prepare(db, COMMAND_LINE, args.kind, path.name, path.read_bytes(),
                                    sheet=args.sheet, mapping=mapping, order=args.date_order,
                                    options=options, rehearse=args.dry_run)
        if prepared.missing:
            names = ", ".join(f"{f} ({t(f'field.{f}')})" for f in prepared.missing)
            raise UserError("cli.import.missing", fields=names,
                            columns=", ".join(prepared.table.header))
        if prepared.needs_date_order:
            raise UserError("cli.import.date_order")
        for note in [*prepared.built.notes, *prepared.built.held_back]:
            print(pipeline.render_note(note, t))
        problems = prepared.problems
        if problems:
            for problem in problems[:200]:
                print(pipeline.render_problem(problem, t), file=sys.stderr)
            if len(problems) > 200:
                print(t("cli.import.more", count=len(problems) - 200), file=sys.stderr)
        counts = prepared.counts or prepared.partial_counts
        if args.dry_run:
            refused = len(prepared.built.refused_rows)
            print(t("cli.import.dry_run", new=counts.new if counts else 0,
                    updated=counts.updated if counts else 0,
                    unchanged=counts.unchanged if counts else 0, refused=refused))
            return EXIT_REFUSED if problems and not args.partial else EXIT_OK
        if problems and not args.partial:
            raise UserError("import.error.refused", problems=len(problems),
                            rows=len(prepared.built.refused_rows))
        result = pipeline.commit(db, COMMAND_LINE, prepared, partial=args.partial)
    print(t("cli.import.done", kind=args.kind, new=result.counts.new,
            updated=result.counts.updated, unchanged=result.counts.unchanged,
            refused=result.refused, import_id=result.import_id))
    if result.warning:
        print(t(result.warning), file=sys.stderr)
    return EXIT_OK


@command("undo-import")
def _undo_import(args: argparse.Namespace, t: Translator) -> int:
    from app.auth import COMMAND_LINE
    from app.importing import pipeline

    with open_db(args) as db:
        undone = pipeline.undo_last(db, COMMAND_LINE)
    print(t("cli.import.undone", import_id=undone["import_id"], kind=undone["kind"],
            file=undone["file_name"]))
    return EXIT_OK


@command("export")
def _export(args: argparse.Namespace, t: Translator) -> int:
    from app import export
    from app.auth import COMMAND_LINE

    out = Path(args.out).expanduser()
    fmt = args.format or ("xlsx" if out.suffix.lower() == ".xlsx" else "csv")
    with open_db(args) as db:
        extra = {}
        if args.kind in ("assignments", "sessions"):
            from app.flex import plans

            if not args.week:
                raise UserError("cli.export.week_needed")
            plan = plans.for_week(db, args.week, published=args.published)
            extra = {"plan_id": plan.plan_id, "cycle_id": plan.cycle_id, "week": args.week}
        made = export.export(db, COMMAND_LINE, args.kind, fmt, t, survey_id=args.survey,
                             pseudonymise=args.pseudonymise, **extra)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(made.data)
    print(t("cli.export.done", rows=made.rows, path=str(out)))
    return EXIT_OK


@command("compose")
def _compose(args: argparse.Namespace, t: Translator) -> int:
    from app.auth import COMMAND_LINE
    from app.flex import plans, words

    with open_db(args) as db:
        cycle_id = plans.cycle_of_week(db, args.week) if args.week else plans.next_cycle(db)
        info = db.one("flex/cycle", cycle_id=cycle_id)
        # The plan names its author: on the command line, the flex team at the terminal.
        author = dataclasses.replace(COMMAND_LINE, name=t("cli.compose.author"))
        plan, result = plans.compose_cycle(db, author, cycle_id, t.lang)
        summary = {"week": args.week or info["weeks"][0], "first_week": info["weeks"][0],
                   "cycle": int(info["seq"]), "school_year": info["school_year_id"],
                   "plan_id": plan.plan_id, **result.summary()}
        # Counts, not names: a terminal's scrollback is no place for learners' names.
        messages = [words.report_message(code, params, t, {})
                    for code, params in result.messages]
    if args.json:
        print(json.dumps({**summary, "messages": messages}, ensure_ascii=False))
        return EXIT_OK
    print(t("cli.compose.done", week=summary["week"], cycle=summary["cycle"],
            assigned=t.count(summary["assigned"]), learners=t.count(summary["learners"]),
            objective=t.number(summary["objective"], 2),
            bound=t.number(summary["bound"], 2) if summary["bound"] is not None else "–",
            gap=t.percent(summary["gap"] or 0, 1), seconds=t.number(summary["seconds"], 2),
            hard_unmet=t.count(summary["hard_unmet"])))
    for line in messages:
        print(f"- {line}")
    return EXIT_OK


@command("bench")
def _bench(args: argparse.Namespace, t: Translator) -> int:
    from app import bench

    if args.child:
        print(json.dumps(bench.measure_size(args.child, args.repeats)))
        return EXIT_OK
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text())
    else:
        sizes = args.learners or list(bench.SIZES)
        results = bench.run(sizes, args.repeats, progress=lambda n: print(
            t("cli.bench.size", learners=n), file=sys.stderr))
    if args.markdown:
        print(bench.markdown(results))
        return EXIT_OK
    if args.json:
        print(json.dumps(results, sort_keys=True))
        return EXIT_OK
    for size, figures in results.items():
        print(t("cli.bench.heading", learners=size))
        for key, value in figures.items():
            if isinstance(value, dict):
                for name, number in value.items():
                    print(f"  {key}.{name:<24} {number}")
            else:
                print(f"  {key:<32} {value}")
    for what, figure, met in bench.verdicts(results):
        print(f"{'✓' if met else '✗'} {what}: {figure}")
    return EXIT_OK


@command("restore")
def _restore(args: argparse.Namespace, t: Translator) -> int:
    from app.admin import backup

    path = config.resolve_db_path(args.db)
    moved = backup.restore(Path(args.source).expanduser(), path)
    facts = backup.inspect(path)
    print(t("cli.restore.done", path=str(path), learners=facts["learners"]))
    if moved:
        print(t("cli.restore.kept", path=str(moved)))
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

