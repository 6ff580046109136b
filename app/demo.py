"""A realistic, deterministic demo school: ``python -m app demo``.

Two school years: the previous one complete (three trimesters of results, a year of weekly flex
history, surveys) and the current one up to the reference date (default: today). Years of study
1 to 4 (first and second grade), about 24 learners a class and one staff member per 10 learners.

The story holds together: results drive class-council decisions and self-reflection, those and
the learners' own wishes drive the flex placements, and attended remediation lifts the next
period's results a little, so the progress pages have a real effect to find.

The same seed and reference date always give the same school.

Each domain draws its own part: the needs in app/council/demo.py, the flex hours in
app/flex/demo.py, the surveys in app/surveys/demo.py, then professional development and the
team tools (app/prof/demo.py, app/team/demo.py) once the demo accounts exist.

Awkward cases a real school has, on purpose and with fixed names, so a tester can find them:

- Namesakes: two learners called Lotte Verbeke this school year, one in 1A and one in 2A (both
  first grade, so they share the flex offer): only the class and the number tell them apart.
- A class change: Mats Van Acker moved from 3A to 3B five weeks into this school year. A learner
  has one class a school year (table enrolment), so every list puts him in 3B; the change shows
  in his first decision, taken by "Klassenraad 3A" before the move. (A school with one class a
  year of study, below about 100 learners, has no 3B: nobody moves.)
- An empty class: 1X, made for newcomers later in the year, has no learners.
- A published session without a leader: 2VB-B1 on Tuesday in the running cycle; the plan is
  published and learners are placed in it, but nobody leads it yet.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from app import clock, settings
from app.admin import users
from app.audit import Audit
from app.db import Database, Transaction
from app.errors import UserError
from app.school import school_calendar, school_year

if TYPE_CHECKING:
    from app.auth import Viewer

DEFAULT_LEARNERS = 600
DEFAULT_SEED = 7
SCHOOL_NAME = "Demoschool De Horizon"
CLASS_SIZE = 24
LEARNERS_PER_STAFF = 10

# The subjects the demo school teaches in years 1 to 4, with the maximum on the report; names
# come from the standard list every new school starts with (app/school/school_year.py).
TAUGHT = {"NED": 50, "FRA": 50, "ENG": 50, "WIS": 50, "NAT": 20, "GES": 20, "AAR": 20,
          "TEC": 20, "MUZ": 20, "LO": 20}
SUBJECTS = [(code, nl, en, TAUGHT[code])
            for code, nl, en in school_year.STANDARD_SUBJECTS if code in TAUGHT]
SUBJECT_NAME_NL = {code: nl for code, nl, _, _ in SUBJECTS}
# The subjects flex remediates (and self-reflection asks about), and those it deepens.
CORE_SUBJECTS = ["WIS", "NED", "FRA", "ENG"]
DEEPENING_SUBJECTS = ["WIS", "NED", "ENG", "FRA", "NAT"]
TEAM_WEIGHTS = {
    "NED": 4, "FRA": 3, "ENG": 2, "WIS": 4, "NAT": 2, "GES": 1, "AAR": 1, "TEC": 1, "MUZ": 1,
    "LO": 1,
}
FIRST_NAMES = [
    "Lotte", "Emma", "Noor", "Lina", "Mila", "Ella", "Julie", "Sara", "Fien", "Hanne", "Lore",
    "Nina", "Amélie", "Yasmine", "Aya", "Sofia", "Zoë", "Olivia", "Febe", "Marie", "Liam",
    "Noah", "Lucas", "Arthur", "Louis", "Jules", "Mathis", "Vic", "Finn", "Lars", "Seppe",
    "Wout", "Mohamed", "Adam", "Rayan", "Elias", "Milan", "Daan", "Kobe", "Thibo", "Jana",
    "Ines", "Lena", "Nora", "Oona", "Roos", "Senne", "Stan", "Tuur", "Warre",
]
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Hermans", "Aerts", "Lambert", "Martens", "Dupont",
    "Claeys", "Pauwels", "Desmet", "Verhoeven", "De Clercq", "Vermeulen", "Van den Broeck",
    "Michiels", "Stevens", "Cools", "Smets", "Vandenberghe", "El Amrani", "Yilmaz", "Nowak",
    "Kaya", "Van Damme", "Segers", "Coppens", "Verstraete", "Bogaert", "Lemmens", "Hendrickx",
    "D'Hondt",
]
ABSENCE_CODES = ["AFW", "GAFW", "ZT"]
# The awkward cases of the module docstring.
NAMESAKE = ("Lotte", "Verbeke")
NAMESAKE_CLASSES = ("1A", "2A")
CLASS_CHANGER = ("Mats", "Van Acker")
CLASS_CHANGE = ("3A", "3B")
CLASS_CHANGE_AFTER = dt.timedelta(weeks=5)
EMPTY_CLASS = "1X"
LEADERLESS_SESSION = "2VB-B1"  # on the first slot (Tuesday) of the running cycle

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class DemoSummary:
    learners: int
    staff: int
    classes: int
    results: int
    flex_assignments: int
    seconds: float


@dataclass
class _School:
    """Everything generated before it is written, as frames per table."""

    frames: dict[str, list[pd.DataFrame]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, frame: pd.DataFrame) -> None:
        if not frame.empty:
            self.frames[table].append(frame)

    def table(self, table: str) -> pd.DataFrame:
        parts = self.frames.get(table, [])
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


# Order of writing: what is referred to before what refers to it.
WRITE_ORDER = [
    "school_year", "period", "week", "class", "subject", "learner", "enrolment", "staff",
    "staff_role", "flex_slot", "flex_cycle", "flex_cycle_week", "flex_session", "flex_plan",
    "flex_assignment", "flex_choice", "flex_attendance", "feedback_note", "result", "need",
    "survey", "survey_question", "survey_respondent", "survey_answer",
]


def build_demo(
    db: Database,
    learners: int = DEFAULT_LEARNERS,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo school. Refuses a database that holds learners."""
    if learners < 40 or learners > 20_000:
        raise UserError("demo.error.size", minimum=40, maximum=20_000)
    if db.scalar("common/count_learners"):
        raise UserError("demo.error.not_empty", path=str(db.path))
    started = dt.datetime.now()
    report = progress or (lambda _share, _step: None)
    audit = Audit("demo", "database", scope="cli", detail=f"learners={learners} seed={seed}")
    with db.transaction(audit) as tx:
        builder = Builder(tx, learners, seed, today or clock.today(), report)
        builder.build()
        for i, table in enumerate(WRITE_ORDER):
            report(0.6 + 0.4 * i / len(WRITE_ORDER), f"write:{table}")
            tx.insert_frame(table, builder.school.table(table))
        settings.put(tx, "school.name", SCHOOL_NAME)
        settings.put(tx, "school.demo", True)
    _demo_accounts(db, builder)
    from app.prof import demo as prof_demo  # a year of professional development

    prof_demo.build(db, builder.today, seed)
    from app.team import demo as team_demo  # self-assessment, teacher leaders, coaching

    team_demo.build(db, builder.today, seed)
    db.checkpoint()
    report(1.0, "done")
    school = builder.school
    return DemoSummary(
        learners=learners,
        staff=len(school.table("staff")),
        classes=len(school.table("class")),
        results=len(school.table("result")),
        flex_assignments=len(school.table("flex_assignment")),
        seconds=(dt.datetime.now() - started).total_seconds(),
    )


DEMO_DOMAIN = "demo.dehorizon.example"


@dataclass(frozen=True)
class DemoLeft:
    was_demo: bool
    accounts: int           # demo accounts switched off now
    own_admins: int         # administrator accounts that remain


def leave_demo(db: Database, viewer: Viewer, *, need_own_admin: bool = False) -> DemoLeft:
    """The school stops being a demo: `school.demo` goes off and every demo account is switched
    off for good, its published password removed, in one audited transaction. The data stays.

    From the app (`need_own_admin`) it is refused while no administrator account of the school's
    own exists: the person leaving demo mode signs in as a demo administrator and would lock
    everybody out. The command line can create one afterwards (`users add`)."""
    from app import permissions

    permissions.require(db, viewer, "admin.demo.leave")
    own_admins = int(db.scalar("auth/own_admins") or 0)
    if need_own_admin and not own_admins:
        raise UserError("demo.error.no_own_admin")
    audit = viewer.audit("demo_leave", "user")
    with db.transaction(audit) as tx:
        was_demo = bool(settings.load_in(tx).get("school.demo"))
        settings.put(tx, "school.demo", False)
        disabled = [int(r["user_id"]) for r in tx.records("auth/disable_demo_accounts")]
        for user_id in disabled:  # signed in with a published password: out at once
            tx.execute("session/delete_user", user_id=user_id)
        audit.record_ids.extend(str(i) for i in disabled)
        audit.detail = f"was_demo={was_demo} accounts={len(disabled)}"
    return DemoLeft(was_demo, len(disabled), own_admins)


def real_data_in_demo(db: Database) -> bool:
    """A demo school into which learner or staff lists were imported, with the demo accounts
    still working: real people's data behind a published password."""
    return bool(settings.get(db, "school.demo")
                and db.scalar("admin/demo_real_imports")
                and db.records("auth/demo_accounts"))


def _demo_accounts(db: Database, builder: Builder) -> None:
    """One account per role, usable only while the school is a demo (password 'demo')."""
    from app import auth

    links = builder.demo_links()
    accounts = [
        ("beheerder", "Beheerder (demo)", ["admin"], [], None),
        ("directie", "Directie (demo)", ["director"], [], None),
        ("flexteam", "Flexcoördinator (demo)", ["flex_team"], [], links["flex_coordinator"]),
        ("klassenraad", "Klassenraad 1A en 1B (demo)", ["class_council"], links["classes"], None),
        ("leerkracht", "Flexleerkracht (demo)", ["teacher"], [], links["teacher"]),
        ("begeleider", "Pedagogisch begeleider (demo)", ["adviser"], [], links["adviser"]),
    ]
    for local, name, roles, class_ids, staff_id in accounts:
        users.add_user(
            db, auth.COMMAND_LINE, email=f"{local}@{DEMO_DOMAIN}", name=name, roles=roles,
            class_ids=class_ids, staff_id=staff_id, password=auth.DEMO_PASSWORD, is_demo=True,
        )


class Builder:
    """The school as it is drawn: the calendar, people, results; the domains' parts in
    app/council, app/flex and app/surveys read and add to it (see :meth:`build`)."""

    def __init__(self, tx: Transaction, learners: int, seed: int, today: dt.date,
                 report: Progress) -> None:
        self.tx = tx
        self.n = learners
        self.rng = np.random.default_rng(seed)
        self.today = today
        self.report = report
        self.school = _School()
        self.current_year = school_calendar.school_year_of(today)
        self.previous_year = school_calendar.previous_school_year(self.current_year)
        self.years = [self.previous_year, self.current_year]

    # -- the whole school, in the order the story happens ------------------------------------

    def build(self) -> None:
        # Each domain's part reads this module's school (its subjects, the builder's state):
        # imported here, as the builder runs, for an import at the top would be circular.
        from app.council import demo as council_demo
        from app.flex import demo as flex_demo
        from app.surveys import demo as surveys_demo

        self.report(0.0, "calendar")
        self._calendar()
        self._subjects()
        self.report(0.05, "people")
        self._classes_and_learners()
        self._staff()
        self.report(0.15, "results")
        self._ability_and_baseline()
        self.report(0.25, "flex")
        self.needs = council_demo.build(self)
        self.remediation_weeks = flex_demo.build(self)
        self.report(0.45, "surveys")
        self._results()
        surveys_demo.build(self)

    # -- calendar ----------------------------------------------------------------------------

    def _calendar(self) -> None:
        self.periods: dict[tuple[str, int], dict] = {}
        self.cycles: list[dict] = []
        for year in self.years:
            frames = school_year.calendar_frames(self.tx, year)
            for table, frame in frames.tables().items():
                self.school.add(table, frame)
            for row in frames.period.to_dict("records"):
                self.periods[(year, row["seq"])] = row
            self.cycles += frames.cycles

    def _subjects(self) -> None:
        self.school.add("subject", school_year.subject_frame())
        self.max_score = {c: m for c, _, _, m in SUBJECTS}

    # -- people ------------------------------------------------------------------------------

    def _names(self, count: int) -> tuple[np.ndarray, np.ndarray]:
        first = self.rng.choice(FIRST_NAMES, size=count)
        last = self.rng.choice(LAST_NAMES, size=count)
        return first, last

    def _classes_and_learners(self) -> None:
        rng = self.rng
        per_year = _split(self.n, 4)
        leavers = per_year[3]  # last year's fourth year left the school in June
        total = self.n + leavers
        ids = self.tx.next_ids("learner_id_seq", total)
        first, last = self._names(total)
        start_prev = int(self.previous_year[:4])
        # Cohorts: index 0..n-1 are this year's learners (year 1..4), then last year's leavers.
        year_now = np.repeat([1, 2, 3, 4], per_year)
        year_now = np.concatenate([year_now, np.full(leavers, 5)])  # 5: would be year 5, left
        birth_year = start_prev + 1 - 12 - year_now + 1
        birth = [
            dt.date(int(y), int(m), int(d))
            for y, m, d in zip(birth_year, rng.integers(1, 13, total), rng.integers(1, 29, total),
                               strict=True)
        ]
        entered_year = start_prev + 1 - (year_now - 1)
        entered = [dt.date(int(y), 9, 1) for y in entered_year]
        left = [
            dt.date(start_prev + 1, 6, 30) if y == 5 else None for y in year_now
        ]
        external = [f"{8_000_000 + i:07d}" for i in range(1, total + 1)]
        # Some external ids keep a leading zero, as real stamboeknummers can.
        external = [("0" + e[1:]) if i % 97 == 0 else e for i, e in enumerate(external)]
        email = [_learner_email(f, surname, i)
                 for i, (f, surname) in enumerate(zip(first, last, strict=True))]
        self.learners = pd.DataFrame({
            "learner_id": ids, "external_id": external, "first_name": first, "last_name": last,
            "birth_date": birth, "email": email, "entered_on": entered, "left_on": left,
        })
        self.learner_year_now = year_now

        classes = []
        self.enrolment: dict[str, pd.DataFrame] = {}
        for year_id in self.years:
            offset = 0 if year_id == self.current_year else 1
            year_of_study = year_now - offset  # last year they were one year lower
            in_school = (year_of_study >= 1) & (year_of_study <= 4)
            if year_id == self.current_year:
                in_school &= year_now <= 4
            rows = []
            for year in range(1, 5):
                members = np.flatnonzero(in_school & (year_of_study == year))
                n_classes = max(1, math.ceil(len(members) / CLASS_SIZE))
                class_ids = self.tx.next_ids("class_id_seq", n_classes)
                letters = [chr(ord("A") + i) for i in range(n_classes)]
                for cid, letter in zip(class_ids, letters, strict=True):
                    classes.append({
                        "class_id": cid, "school_year_id": year_id,
                        "code": f"{year}{letter}", "year_of_study": year,
                        "grade": 1 if year <= 2 else 2,
                    })
                shuffled = rng.permutation(members)
                for k, member in enumerate(shuffled):
                    rows.append({
                        "learner_id": ids[member], "school_year_id": year_id,
                        "class_id": class_ids[k % n_classes], "year_of_study": year,
                        "index": member,
                    })
            self.enrolment[year_id] = pd.DataFrame(rows)
        self.classes = pd.DataFrame(classes)
        self._awkward_cases()
        self.school.add("learner", self.learners)
        self.school.add("class", self.classes)
        self.school.add("enrolment", pd.concat(
            [frame[["learner_id", "school_year_id", "class_id"]]
             for frame in self.enrolment.values()], ignore_index=True))

    def _awkward_cases(self) -> None:
        """Namesakes, a class change and an empty class (the module docstring names them).
        Drawn without the random generator, so the rest of the school stays as it was."""
        year = self.current_year
        current = self.classes[self.classes["school_year_id"] == year]
        class_id = dict(zip(current["code"], current["class_id"], strict=True))
        now = self.enrolment[year]

        def first_of(code: str):
            """The row in `now` of the class's learner with the lowest id."""
            return now[now["class_id"] == class_id[code]]["learner_id"].idxmin()

        for code in NAMESAKE_CLASSES:
            self._rename(int(now.at[first_of(code), "index"]), *NAMESAKE)
        self.class_change: tuple[int, dt.date] | None = None
        before, after = CLASS_CHANGE
        if after in class_id:
            row = first_of(before)
            self._rename(int(now.at[row, "index"]), *CLASS_CHANGER)
            now.at[row, "class_id"] = class_id[after]
            moved_on = min(self.today,
                           school_calendar.school_year_bounds(year)[0] + CLASS_CHANGE_AFTER)
            self.class_change = (int(now.at[row, "learner_id"]), moved_on)
        self.classes = pd.concat([self.classes, pd.DataFrame([{
            "class_id": self.tx.next_ids("class_id_seq", 1)[0], "school_year_id": year,
            "code": EMPTY_CLASS, "year_of_study": 1, "grade": 1,
        }])], ignore_index=True)

    def _rename(self, index: int, first_name: str, last_name: str) -> None:
        self.learners.loc[index, ["first_name", "last_name", "email"]] = [
            first_name, last_name, _learner_email(first_name, last_name, index)]

    def _staff(self) -> None:
        rng = self.rng
        count = max(len(TEAM_WEIGHTS), math.ceil(self.n / LEARNERS_PER_STAFF))
        ids = self.tx.next_ids("staff_id_seq", count)
        first, last = self._names(count)
        teams = list(TEAM_WEIGHTS)
        weights = np.array([TEAM_WEIGHTS[t] for t in teams], dtype=float)
        team = rng.choice(teams, size=count, p=weights / weights.sum())
        team[: len(teams)] = teams  # every subject has at least one teacher
        full_time = rng.random(count) < 0.7
        hours = np.where(full_time, 22, rng.integers(8, 20, count)).astype(float)
        current_start = school_calendar.school_year_bounds(self.current_year)[0]
        years_in_school = rng.integers(0, 25, count)
        started = [current_start.replace(year=current_start.year - int(y)) for y in years_in_school]
        self.staff = pd.DataFrame({
            "staff_id": ids,
            "external_id": [f"{rng.integers(10**10, 10**11 - 1):011d}" for _ in range(count)],
            "first_name": first, "last_name": last,
            "email": [
                f"{f[0].lower()}.{_ascii(surname).lower().replace(' ', '')}{i}@dehorizon.example"
                for i, (f, surname) in enumerate(zip(first, last, strict=True))
            ],
            "assignment_hours": hours, "full_time_hours": 22.0,
            "subject_team": [SUBJECT_NAME_NL[t] for t in team], "started_on": started,
        })
        self.staff_subject = dict(zip(ids, team, strict=True))
        self.school.add("staff", self.staff)
        roles = [{"staff_id": i, "role": "teacher"} for i in ids]
        special = {
            "care_coordinator": max(1, self.n // 300), "grade_coordinator": 2,
            "mentor": max(1, self.n // 100), "subject_team_chair": len(teams),
            "ict_coordinator": 1, "flex_coordinator": 1, "policy_support": 1,
        }
        pool = list(rng.permutation(ids))
        for role, number in special.items():
            for _ in range(number):
                roles.append({"staff_id": pool.pop(), "role": role})
                if not pool:
                    pool = list(rng.permutation(ids))
        self.school.add("staff_role", pd.DataFrame(roles).drop_duplicates())

    # -- results: the baseline, before the councils and flex use it --------------------------

    def _ability_and_baseline(self) -> None:
        """Latent ability per learner and subject; results follow it with noise each period."""
        rng = self.rng
        total = len(self.learners)
        self.ability = rng.normal(0, 1, total)
        self.aptitude = rng.normal(0, 0.6, (total, len(SUBJECTS)))
        self.wellbeing = rng.normal(0, 1, total)
        self.subject_index = {c: i for i, (c, _, _, _) in enumerate(SUBJECTS)}
        # percent[(year, seq)] -> array (learners x subjects); gains are added after flex.
        self.percent: dict[tuple[str, int], np.ndarray] = {}
        for year in self.years:
            for p in school_calendar.trimesters(year):
                if not self._period_has_results(year, p.seq):
                    continue
                noise = rng.normal(0, 0.35, (total, len(SUBJECTS)))
                value = 63 + 11 * (self.ability[:, None] + self.aptitude + noise)
                self.percent[(year, p.seq)] = np.clip(value, 12, 100)

    def _period_has_results(self, year: str, seq: int) -> bool:
        """Past periods have results; the running one once six weeks of points exist."""
        period = self.periods[(year, seq)]
        return period["starts_on"] + dt.timedelta(days=42) <= self.today

    def period_of(self, day: dt.date) -> tuple[str, int] | None:
        for key, period in self.periods.items():
            if period["starts_on"] <= day <= period["ends_on"]:
                return key
        return None

    # -- results, with the effect of remediation ---------------------------------------------

    def _results(self) -> None:
        rng = self.rng
        ordered = sorted(self.percent, key=lambda k: (k[0], k[1]))
        for i, key in enumerate(ordered):
            year, _ = key
            percent = self.percent[key].copy()
            if i > 0:  # remediation attended in the previous period lifts this one
                for (learner_id, subject), weeks in self.remediation_weeks[ordered[i - 1]].items():
                    if weeks >= 3:
                        index = self.learner_index(learner_id)
                        gain = rng.uniform(2, 7)
                        percent[index, self.subject_index[subject]] += gain
            percent = np.clip(percent, 0, 100)
            enrolled = self.enrolment[year]["index"].to_numpy()
            period_id = self.periods[key]["period_id"]
            frames = []
            for code, j in self.subject_index.items():
                maximum = self.max_score[code]
                score = np.round(percent[enrolled, j] / 100 * maximum * 2) / 2
                absent = rng.random(len(enrolled))
                absence = np.where(absent < 0.01, "AFW",
                                   np.where(absent < 0.013, "GAFW",
                                            np.where(absent < 0.015, "ZT", None)))
                frames.append(pd.DataFrame({
                    "learner_id": self.learners["learner_id"].to_numpy()[enrolled],
                    "subject_id": code, "period_id": period_id,
                    "score": np.where(absence == None, score, np.nan),  # noqa: E711
                    "max_score": float(maximum), "absence_code": absence,
                }))
            self.school.add("result", pd.concat(frames, ignore_index=True))

    def demo_links(self) -> dict:
        """What the demo accounts attach to: classes 1A and 1B of this year, a teacher who leads
        a session in the running cycle, the flex coordinator, an adviser."""
        classes = self.classes[
            (self.classes["school_year_id"] == self.current_year)
            & self.classes["code"].isin(["1A", "1B"])
        ]
        sessions = self.school.table("flex_session")
        started = [c["cycle_id"] for c in self.cycles if c["first_monday"] <= self.today]
        running_cycle = started[-1] if started else self.cycles[0]["cycle_id"]
        running = sessions[sessions["cycle_id"] == running_cycle]
        led = running.dropna(subset=["leader_staff_id"]).sort_values("code")
        roles = self.school.table("staff_role")
        coordinator = roles.loc[roles["role"] == "flex_coordinator", "staff_id"]
        teacher = int(led["leader_staff_id"].iloc[0]) if len(led) else None
        adviser = next(int(s) for s in self.staff["staff_id"] if int(s) != teacher)
        return {
            "classes": [int(c) for c in classes["class_id"]],
            "teacher": teacher,
            "flex_coordinator": int(coordinator.iloc[0]) if len(coordinator) else None,
            "adviser": adviser,
        }

    def learner_index(self, learner_id: int) -> int:
        if not hasattr(self, "_index_of"):
            self._index_of = {int(v): i for i, v in enumerate(self.learners["learner_id"])}
        return self._index_of[learner_id]


class Part:
    """A domain's share of the story (app/flex/demo.py, ...): the builder's shared state under
    the short names its methods read, and the builder itself for the rest."""

    def __init__(self, demo: Builder) -> None:
        self.demo = demo
        self.rng = demo.rng
        self.tx = demo.tx
        self.today = demo.today
        self.school = demo.school

def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _learner_email(first_name: str, last_name: str, number: int) -> str:
    local = f"{first_name.lower()}.{_ascii(last_name).lower().replace(' ', '')}{number}"
    return f"{local}@leerling.dehorizon.example"


def _ascii(text: str) -> str:
    return (
        text.replace("'", "").replace("ë", "e").replace("é", "e").replace("ï", "i")
    )
