"""A realistic, deterministic demo school: ``python -m app demo``.

Two school years: the previous one complete (three trimesters of results, a year of weekly flex
history, surveys) and the current one up to the reference date (default: today). Years of study
1 to 4 (first and second grade), about 24 learners a class and one staff member per 10 learners.

The story holds together: results drive class-council decisions and self-reflection, those and
the learners' own wishes drive the flex placements, and attended remediation lifts the next
period's results a little, so the progress pages have a real effect to find.

The same seed and reference date always give the same school.
"""

from __future__ import annotations

import datetime as dt
import json
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
# A class council writes a need's reason in its own words: the subject's name, not its code.
SUBJECT_NAME_NL = {code: nl for code, nl, _, _ in SUBJECTS}


def _weak_reason(percent: float, subject: str) -> str:
    return f"Resultaat {percent:.0f} % in {SUBJECT_NAME_NL[subject]}: bijwerken."


CORE_SUBJECTS = ["WIS", "NED", "FRA", "ENG"]
DEEPENING_SUBJECTS = ["WIS", "NED", "ENG", "FRA", "NAT"]
TEAM_WEIGHTS = {
    "NED": 4, "FRA": 3, "ENG": 2, "WIS": 4, "NAT": 2, "GES": 1, "AAR": 1, "TEC": 1, "MUZ": 1,
    "LO": 1,
}
BROADENING_TITLES = [
    "Studieplanning", "Programmeren", "Debat", "Kunstatelier", "Sport en gezondheid",
    "Lezen voor plezier", "Wetenschapsclub", "Muziekatelier", "Burgerschap", "EHBO",
    "Schooltuin", "Filmclub",
]
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
LEADER_KINDS_OTHER = ["teaching_assistant", "coach", "student_teacher", "guest"]
OTHER_LEADERS = ["Ilse Wouters", "Karim Aziz", "Jonas Lemmens", "Saar Peeters"]
WELLBEING_QUESTIONS = [  # question, is about self-regulation
    ("Ik voel me goed op school.", False),
    ("Ik voel me veilig in de klas.", False),
    ("Ik heb vrienden op school.", False),
    ("Ik kan bij een leerkracht terecht als er iets is.", False),
    ("Ik weet hoe ik mijn schoolwerk plan.", True),
    ("Ik kan me goed concentreren in de les.", True),
]
AGREEMENT_SCALE = [
    "Helemaal niet akkoord", "Niet akkoord", "Neutraal", "Akkoord", "Helemaal akkoord",
]
SELF_SCALE = ["Het lukt niet", "Het lukt soms", "Het lukt meestal", "Het lukt goed"]
STAFF_WELLBEING_QUESTIONS = [
    "Ik voel me gewaardeerd in mijn werk.",
    "Mijn werkdruk is haalbaar.",
    "Ik kan terecht bij collega's.",
    "Ik krijg kansen om bij te leren.",
    "De flexuren zijn goed georganiseerd.",
]
FEEDBACK_TEMPLATES = {
    "remediation": (
        "Oefenen op {topic} tot je 8 op 10 oefeningen juist hebt.",
        "Je werkt geconcentreerd; de basisoefeningen lukken nu zonder hulp.",
        "Volgende keer: de moeilijkere oefeningen zelfstandig proberen.",
    ),
    "deepening": (
        "Een uitdagende opdracht rond {topic} afwerken en voorstellen.",
        "Je denkt creatief na en zoekt zelf bronnen op.",
        "Werk je presentatie uit en vraag feedback aan een klasgenoot.",
    ),
    "broadening": (
        "Deelnemen aan {topic} en één ding bijleren dat je nog niet kon.",
        "Je werkt goed samen en neemt initiatief in de groep.",
        "Kies volgende keer zelf een rol die je nog niet opnam.",
    ),
}
TOPICS = {
    "WIS": "breuken en vergelijkingen", "NED": "begrijpend lezen", "FRA": "werkwoorden",
    "ENG": "vocabulary", "NAT": "proefjes beschrijven",
}

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
        builder = _Builder(tx, learners, seed, today or clock.today(), report)
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


def _demo_accounts(db: Database, builder: _Builder) -> None:
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


class _Builder:
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
        self.report(0.0, "calendar")
        self._calendar()
        self._subjects()
        self.report(0.05, "people")
        self._classes_and_learners()
        self._staff()
        self.report(0.15, "results")
        self._ability_and_baseline()
        self.report(0.25, "flex")
        self._flex()
        self.report(0.45, "surveys")
        self._results()
        self._surveys()

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
        email = [
            f"{f.lower()}.{_ascii(surname).lower().replace(' ', '')}{i}@leerling.dehorizon.example"
            for i, (f, surname) in enumerate(zip(first, last, strict=True))
        ]
        self.learners = pd.DataFrame({
            "learner_id": ids, "external_id": external, "first_name": first, "last_name": last,
            "birth_date": birth, "email": email, "entered_on": entered, "left_on": left,
        })
        self.learner_year_now = year_now
        self.school.add("learner", self.learners)

        classes, enrolments = [], []
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
            frame = pd.DataFrame(rows)
            self.enrolment[year_id] = frame
            enrolments.append(frame[["learner_id", "school_year_id", "class_id"]])
        self.classes = pd.DataFrame(classes)
        self.school.add("class", self.classes)
        self.school.add("enrolment", pd.concat(enrolments, ignore_index=True))

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
        names_nl = {c: nl for c, nl, _, _ in SUBJECTS}
        self.staff = pd.DataFrame({
            "staff_id": ids,
            "external_id": [f"{rng.integers(10**10, 10**11 - 1):011d}" for _ in range(count)],
            "first_name": first, "last_name": last,
            "email": [
                f"{f[0].lower()}.{_ascii(surname).lower().replace(' ', '')}{i}@dehorizon.example"
                for i, (f, surname) in enumerate(zip(first, last, strict=True))
            ],
            "assignment_hours": hours, "full_time_hours": 22.0,
            "subject_team": [names_nl[t] for t in team], "started_on": started,
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

    # -- results (baseline), needs and flex --------------------------------------------------

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

    def _period_of(self, day: dt.date) -> tuple[str, int] | None:
        for key, period in self.periods.items():
            if period["starts_on"] <= day <= period["ends_on"]:
                return key
        return None

    def _needs_for(self, year: str, seq: int) -> list[dict]:
        """Needs decided after a period's results: by the class council, subject teachers and the
        learners' own self-reflection. Valid until the end of the next period."""
        rng = self.rng
        percent = self.percent.get((year, seq))
        if percent is None:
            return []
        period = self.periods[(year, seq)]
        decided = min(period["ends_on"], self.today - dt.timedelta(days=14))
        next_key = (year, seq + 1) if (year, seq + 1) in self.periods else None
        valid_until = (
            self.periods[next_key]["ends_on"] if next_key
            else school_calendar.school_year_bounds(year)[1]
        )
        enrolled = self.enrolment[year]["index"].to_numpy()
        needs = []
        for index in enrolled:
            learner_id = int(self.learners.at[index, "learner_id"])
            row = percent[index]
            core = [(row[self.subject_index[s]], s) for s in CORE_SUBJECTS]
            weakest_pct, weakest = min(core)
            best_pct, best = max(
                (row[self.subject_index[s]], s) for s in DEEPENING_SUBJECTS
            )
            base = {"learner_id": learner_id, "valid_from": decided, "valid_until": valid_until,
                    "created_at": dt.datetime.combine(decided, dt.time(16, 30))}
            if weakest_pct < 50 and rng.random() < 0.45:
                hard = rng.random() < 0.45
                needs.append({
                    **base, "subject_id": weakest, "kind": "remediation",
                    "source": "class_council", "priority": 1 if hard else 2, "is_hard": hard,
                    "reason": _weak_reason(weakest_pct, weakest),
                    "decided_by": "Klassenraad",
                })
                second_pct, second = sorted(core)[1]
                if hard and second_pct < 50 and rng.random() < 0.5:
                    needs.append({
                        **base, "subject_id": second, "kind": "remediation",
                        "source": "class_council", "priority": 1, "is_hard": True,
                        "reason": _weak_reason(second_pct, second),
                        "decided_by": "Klassenraad",
                    })
            elif weakest_pct < 58 and rng.random() < 0.15:
                needs.append({
                    **base, "subject_id": weakest, "kind": "remediation",
                    "source": "subject_teacher", "priority": 2, "is_hard": False,
                    "reason": "Vakleerkracht: basisleerstof inoefenen.",
                    "decided_by": "Vakleerkracht",
                })
            if best_pct > 80 and rng.random() < 0.35:
                needs.append({
                    **base, "subject_id": best, "kind": "deepening", "source": "subject_teacher",
                    "priority": 3, "is_hard": False,
                    "reason": f"Sterk in {SUBJECT_NAME_NL[best]}: verdieping aanbieden.",
                    "decided_by": "Vakleerkracht",
                })
            if rng.random() < 0.3:
                wish = rng.random()
                if wish < 0.4:
                    kind, subject, reason = "remediation", weakest, "Ik wil bijwerken."
                elif wish < 0.7:
                    kind, subject, reason = "deepening", best, "Ik wil verder gaan."
                else:
                    kind, subject, reason = "broadening", None, "Ik wil iets nieuws leren."
                needs.append({
                    **base, "subject_id": subject, "kind": kind, "source": "self_reflection",
                    "priority": 3, "is_hard": False, "reason": reason, "decided_by": "Leerling",
                })
        return needs

    def _flex(self) -> None:
        rng = self.rng
        slots = [(1, 2, 7), (2, 4, 7)]  # Tuesday and Thursday, 7th lesson hour
        slot_ids = self.tx.next_ids("flex_slot_id_seq", len(slots))
        self.school.add("flex_slot", pd.DataFrame(
            [{"slot_id": sid, "weekday": wd, "lesson_hour": h}
             for sid, (_, wd, h) in zip(slot_ids, slots, strict=True)]
        ))
        self.slot_weekday = {sid: wd for sid, (_, wd, _) in zip(slot_ids, slots, strict=True)}
        all_needs: list[dict] = []
        for year in self.years:
            for p in school_calendar.trimesters(year):
                all_needs += self._needs_for(year, p.seq)
        self.needs = pd.DataFrame(all_needs)
        self.needs.insert(0, "need_id", self.tx.next_ids("need_id_seq", len(self.needs)))
        self.school.add("need", self.needs)

        self.remediation_weeks: dict[tuple[str, int], dict[tuple[int, str], int]] = defaultdict(
            lambda: defaultdict(int)
        )
        teachers_by_subject: dict[str, list[int]] = defaultdict(list)
        for staff_id, subject in self.staff_subject.items():
            teachers_by_subject[subject].append(int(staff_id))
        all_teachers = [int(s) for s in self.staff_subject]

        for cycle in self.cycles:
            year = cycle["school_year_id"]
            enrolled = self.enrolment[year]
            sessions = self._offer(cycle, slot_ids, enrolled, teachers_by_subject, all_teachers)
            self.school.add("flex_session", sessions)
            choices = pd.DataFrame(columns=["learner_id", "rank", "kind", "subject_id", "title"])
            if cycle["school_year_id"] == self.years[-1]:
                choices = self._choices(cycle, sessions, enrolled)
                self.school.add("flex_choice", choices)
            if cycle["first_monday"] > self.today:
                continue  # planned offer only: the flex team composes it
            plan_id = self.tx.next_ids("flex_plan_id_seq", 1)[0]
            published = dt.datetime.combine(
                cycle["first_monday"] - dt.timedelta(days=3), dt.time(15, 0)
            )
            self.school.add("flex_plan", pd.DataFrame([{
                "plan_id": plan_id, "cycle_id": cycle["cycle_id"], "status": "published",
                "version": 1, "created_by": "Flexteam", "created_at": published,
                "published_by": "Flexteam", "published_at": published,
            }]))
            assignments = self._assign(cycle, plan_id, sessions, enrolled, choices)
            self.school.add("flex_assignment", assignments)
            self._attendance_and_feedback(cycle, assignments, sessions, rng)

    def _offer(self, cycle: dict, slot_ids: list[int], enrolled: pd.DataFrame,
               teachers_by_subject: dict[str, list[int]], all_teachers: list[int]) -> pd.DataFrame:
        """Sessions for both slots of a cycle, per grade, with room for every learner."""
        rng = self.rng
        rows = []
        for slot_id in slot_ids:
            busy: set[int] = set()
            room_no = 0
            for grade, years in ((1, [1, 2]), (2, [3, 4])):
                learners = int(enrolled["year_of_study"].isin(years).sum())
                target = math.ceil(learners * 1.08)
                # About 30 % of the places in remediation, 22 % in deepening, the rest in
                # broadening; every kind is on offer, however small the school.
                specs: list[tuple[str, str | None, str | None, int]] = []
                # Remediation in mathematics and Dutch on both days; French only on Tuesday and
                # English only on Thursday, as teachers' timetables allow: an offer that is not
                # the same on every slot is what makes composing a puzzle.
                per_subject = max(1, round(target * 0.30 / len(CORE_SUBJECTS) / 16))
                only_on = {"FRA": slot_ids[0], "ENG": slot_ids[-1]}
                for subject in CORE_SUBJECTS:
                    if only_on.get(subject, slot_id) != slot_id:
                        continue
                    copies = per_subject * (2 if subject in only_on else 1)
                    specs += [("remediation", subject, None, 16)] * copies
                deepening = max(1, round(target * 0.22 / 24))
                for k in range(deepening):
                    specs.append(("deepening", DEEPENING_SUBJECTS[k % len(DEEPENING_SUBJECTS)],
                                  None, 24))
                capacity = sum(s[3] for s in specs)
                titles = list(rng.permutation(BROADENING_TITLES))
                k = 0
                while capacity < target or k < 2:
                    specs.append(("broadening", None, titles[k % len(titles)], 28))
                    capacity += 28
                    k += 1
                counters: dict[str, int] = defaultdict(int)
                for kind, subject, title, cap in specs:
                    prefix = subject or "VB"
                    counters[prefix + kind] += 1
                    code = f"{grade}{prefix}-{kind[0].upper()}{counters[prefix + kind]}"
                    leader = None
                    leader_kind, leader_name = "teacher", None
                    if kind == "broadening" and rng.random() < 0.12:
                        j = int(rng.integers(0, len(LEADER_KINDS_OTHER)))
                        leader_kind, leader_name = LEADER_KINDS_OTHER[j], OTHER_LEADERS[j]
                    else:
                        team = teachers_by_subject.get(subject or "", [])
                        pool = [t for t in team if t not in busy]
                        pool = pool or [t for t in all_teachers if t not in busy]
                        if pool:
                            leader = int(rng.choice(pool))
                            busy.add(leader)
                        else:  # a very small school: a guest takes it
                            leader_kind, leader_name = "guest", "Gastleerkracht"
                    room_no += 1
                    rows.append({
                        "cycle_id": cycle["cycle_id"], "slot_id": slot_id, "code": code,
                        "kind": kind, "subject_id": subject, "title": title,
                        "leader_staff_id": leader, "leader_kind": leader_kind,
                        "leader_name": leader_name,
                        "room": f"{'AB'[room_no % 2]}{1 + room_no // 20}.{room_no % 20:02d}",
                        "capacity": cap, "years_of_study": years,
                    })
        frame = pd.DataFrame(rows)
        frame.insert(0, "session_id", self.tx.next_ids("flex_session_id_seq", len(frame)))
        frame["leader_staff_id"] = frame["leader_staff_id"].astype("Int64")
        return frame

    def _choices(self, cycle: dict, sessions: pd.DataFrame,
                 enrolled: pd.DataFrame) -> pd.DataFrame:
        """Most learners rank up to three wishes from the offer of their grade: broadening
        mostly, deepening in a subject they are good at, now and then remediation by choice."""
        rng = self.rng
        rows = []
        offer: dict[int, tuple[list, np.ndarray]] = {}
        for year in sorted(enrolled["year_of_study"].unique()):
            options = list(dict.fromkeys(
                (s.kind, s.subject_id, s.title) for s in sessions.itertuples()
                if int(year) in list(s.years_of_study)))
            weights = np.array([{"broadening": 5.0, "deepening": 2.0}.get(k, 0.6)
                                for k, _, _ in options])
            offer[int(year)] = (options, weights)
        for learner in enrolled.itertuples():
            if rng.random() < 0.2:
                continue  # did not fill in the form
            options, weights = offer[int(learner.year_of_study)]
            count = min(len(options), int(rng.integers(1, 4)))
            picked = rng.choice(len(options), size=count, replace=False, p=weights / weights.sum())
            for rank, index in enumerate(picked, start=1):
                kind, subject, title = options[int(index)]
                rows.append({"cycle_id": cycle["cycle_id"], "learner_id": int(learner.learner_id),
                             "rank": rank, "kind": kind, "subject_id": subject, "title": title,
                             "created_at": dt.datetime.combine(
                                 cycle["first_monday"] - dt.timedelta(days=10), dt.time(12))})
        return pd.DataFrame(rows)

    def _assign(self, cycle: dict, plan_id: int, sessions: pd.DataFrame,
                enrolled: pd.DataFrame, choices: pd.DataFrame) -> pd.DataFrame:
        """A plausible history, made as by hand: hard decisions first, then needs, then the
        learner's own choices, capacity respected."""
        rng = self.rng
        start = cycle["first_monday"]
        needs = self.needs
        open_needs = needs[(needs["valid_from"] <= start) & (needs["valid_until"] >= start)]
        by_learner: dict[int, list[dict]] = defaultdict(list)
        for need in open_needs.sort_values(["priority"]).to_dict("records"):
            by_learner[int(need["learner_id"])].append(need)
        # The same content twice in one cycle is what a flex team avoids by hand too.
        content = {int(s.session_id): (s.kind, s.subject_id, s.title)
                   for s in sessions.itertuples()}
        taken: dict[int, set] = defaultdict(set)
        chosen_by: dict[int, list] = defaultdict(list)
        for c in choices.sort_values(["learner_id", "rank"]).itertuples():
            chosen_by[int(c.learner_id)].append(c)
        rows = []
        order = rng.permutation(len(enrolled))
        learners = enrolled.iloc[order]
        for slot_index, slot_id in enumerate(sorted(sessions["slot_id"].unique())):
            slot_sessions = sessions[sessions["slot_id"] == slot_id]
            left = dict(zip(slot_sessions["session_id"], slot_sessions["capacity"], strict=True))
            years_of = {
                int(sid): set(years)
                for sid, years in zip(slot_sessions["session_id"], slot_sessions["years_of_study"],
                                      strict=True)
            }
            # A need names a kind and subject; a choice also a broadening's title.
            by_kind: dict[tuple, list[tuple[int, list[int]]]] = defaultdict(list)
            for s in slot_sessions.itertuples():
                entry = (int(s.session_id), list(s.years_of_study))
                by_kind[(s.kind, s.subject_id if s.kind != "broadening" else None)].append(entry)
                if s.kind == "broadening":
                    by_kind[(s.kind, s.title)].append(entry)
            hard_first = sorted(
                learners.itertuples(),
                key=lambda r: not any(n["is_hard"] for n in by_learner.get(int(r.learner_id), [])),
            )
            for learner in hard_first:
                lid, year = int(learner.learner_id), int(learner.year_of_study)
                wishes = []
                for need in by_learner.get(lid, []):
                    code = "hard_decision" if need["is_hard"] else "need"
                    subject = need["subject_id"] if need["kind"] != "broadening" else None
                    wishes.append(((need["kind"], subject), code,
                                   {"need_id": int(need["need_id"])}))
                if slot_index == 1 and len(wishes) > 1 and wishes[0][1] != "hard_decision":
                    wishes = wishes[1:] + wishes[:1]
                own = [((c.kind, c.title if c.kind == "broadening" else c.subject_id),
                        "choice", {"rank": int(c.rank)}) for c in chosen_by.get(lid, [])]
                if slot_index == 1 and wishes and wishes[0][1] != "hard_decision":
                    wishes = own[:1] + wishes
                wishes += own
                placed = None
                for key, code, detail in wishes:
                    options = [
                        (left[sid], sid) for sid, years in by_kind.get(key, [])
                        if year in years and left[sid] > 0 and content[sid] not in taken[lid]
                    ]
                    if options:
                        placed = (max(options)[1], code, detail)
                        break
                if placed is None:
                    options = [
                        (cap, sid) for sid, cap in left.items() if cap > 0 and year in years_of[sid]
                        and content[sid] not in taken[lid]
                    ] or [(cap, sid) for sid, cap in left.items()
                          if cap > 0 and year in years_of[sid]]
                    if not options:
                        continue
                    placed = (max(options)[1], "fill", None)
                session_id, code, detail = placed
                left[session_id] -= 1
                taken[lid].add(content[session_id])
                rows.append({
                    "plan_id": plan_id, "slot_id": int(slot_id), "learner_id": lid,
                    "session_id": int(session_id), "reason_code": code,
                    "reason_detail": None if detail is None else json.dumps(detail),
                    "is_locked": False,
                })
        return pd.DataFrame(rows)

    def _attendance_and_feedback(self, cycle: dict, assignments: pd.DataFrame,
                                 sessions: pd.DataFrame, rng: np.random.Generator) -> None:
        kind_of = dict(zip(sessions["session_id"], sessions["kind"], strict=True))
        subject_of = dict(zip(sessions["session_id"], sessions["subject_id"], strict=True))
        title_of = dict(zip(sessions["session_id"], sessions["title"], strict=True))
        leader_of = dict(zip(sessions["session_id"], sessions["leader_name"], strict=True))
        kinds = assignments["session_id"].map(kind_of).to_numpy()
        subjects = assignments["session_id"].map(subject_of).to_numpy()
        attendance, notes = [], []
        for week in cycle["weeks"]:
            for slot_id in assignments["slot_id"].unique():
                mask = (assignments["slot_id"] == slot_id).to_numpy()
                day = week.monday + dt.timedelta(days=self.slot_weekday[int(slot_id)] - 1)
                if day >= self.today:
                    continue
                group = assignments[mask]
                draw = rng.random(len(group))
                status = np.where(draw < 0.92, "present",
                                  np.where(draw < 0.97, "absent", "excused"))
                attendance.append(pd.DataFrame({
                    "week_id": week.week_id, "session_id": group["session_id"].to_numpy(),
                    "learner_id": group["learner_id"].to_numpy(), "status": status,
                }))
                period = self._period_of(day)
                if period is None:
                    continue
                counted = (status == "present") & (kinds[mask] == "remediation")
                tally = self.remediation_weeks[period]
                for learner_id, subject in zip(group["learner_id"].to_numpy()[counted],
                                               subjects[mask][counted], strict=True):
                    tally[(int(learner_id), subject)] += 1
        last_week = cycle["weeks"][-1]
        if last_week.monday + dt.timedelta(days=4) < self.today:
            chosen = assignments[rng.random(len(assignments)) < 0.3]
            for row in chosen.itertuples():
                kind = kind_of[row.session_id]
                feed_up, feedback, forward = FEEDBACK_TEMPLATES[kind]
                topic = TOPICS.get(subject_of[row.session_id]) or title_of[row.session_id] or "flex"
                notes.append({
                    "learner_id": int(row.learner_id), "session_id": int(row.session_id),
                    "week_id": last_week.week_id,
                    "author": leader_of[row.session_id] or "Flexleerkracht",
                    "feed_up": feed_up.format(topic=topic), "feedback": feedback,
                    "feed_forward": forward,
                    "created_at": dt.datetime.combine(last_week.monday, dt.time(15, 30))
                    + dt.timedelta(days=self.slot_weekday[int(row.slot_id)] - 1),
                })
        if attendance:
            self.school.add("flex_attendance", pd.concat(attendance, ignore_index=True))
        if notes:
            frame = pd.DataFrame(notes)
            frame.insert(0, "note_id", self.tx.next_ids("feedback_note_id_seq", len(frame)))
            self.school.add("feedback_note", frame)

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

    # -- surveys -----------------------------------------------------------------------------

    def _surveys(self) -> None:
        rng = self.rng
        for year in self.years:
            for p in school_calendar.trimesters(year):
                moment = p.starts_on + dt.timedelta(days=45)
                if moment > self.today:
                    continue
                self._learner_wellbeing(year, p.seq, moment, rng)
                self._self_reflection(year, p.seq, rng)
            staff_moment = school_calendar.school_year_bounds(year)[0] + dt.timedelta(days=50)
            if staff_moment <= self.today:
                self._staff_wellbeing(year, staff_moment, rng)

    def _new_survey(self, title: str, tag: str, audience: str, when: dt.date) -> int:
        survey_id = self.tx.next_ids("survey_id_seq", 1)[0]
        self.school.add("survey", pd.DataFrame([{
            "survey_id": survey_id, "title": title, "source": "google_forms",
            "audience": audience, "tag": tag,
            "created_at": dt.datetime.combine(when + dt.timedelta(days=7), dt.time(9, 0)),
        }]))
        return survey_id

    def _questions(self, survey_id: int, questions: list[tuple[str, str, str | None,
                                                                  float | None]]) -> None:
        """The questions of a demo survey: (text, type, scale, highest value)."""
        self.school.add("survey_question", pd.DataFrame([
            {"survey_id": survey_id, "question_no": n, "question": text, "question_type": kind,
             "scale_name": scale, "scale_min": 1.0 if top else None, "scale_max": top}
            for n, (text, kind, scale, top) in enumerate(questions, start=1)
        ]))

    def _learner_wellbeing(self, year: str, seq: int, moment: dt.date,
                           rng: np.random.Generator) -> None:
        enrolled = self.enrolment[year]["index"].to_numpy()
        answering = enrolled[rng.random(len(enrolled)) < 0.85]
        survey_id = self._new_survey(
            f"Welbevinden leerlingen {year} – trimester {seq}", "wellbeing", "learners", moment
        )
        self._questions(survey_id, [(q, "scale", "agreement5", 5.0) for q, _ in
                                    WELLBEING_QUESTIONS])
        count = len(answering)
        at = pd.to_datetime(moment) + pd.to_timedelta(rng.integers(8 * 60, 16 * 60, count), "min")
        at = at + pd.to_timedelta(rng.integers(0, 5, count), "D")
        respondent = np.arange(1, count + 1)
        self.school.add("survey_respondent", pd.DataFrame({
            "survey_id": survey_id, "respondent_id": respondent,
            "learner_id": self.learners["learner_id"].to_numpy()[answering],
            "is_complete": True, "answered_at": at,
        }))
        answers = []
        for q, (question, regulation) in enumerate(WELLBEING_QUESTIONS, start=1):
            latent = self.wellbeing[answering]
            if regulation:  # self-regulation goes a little with achievement
                latent = latent + 0.5 * self.ability[answering]
            value = np.clip(np.round(3.6 + 0.8 * latent + rng.normal(0, 0.7, count)), 1, 5)
            answers.append(pd.DataFrame({
                "survey_id": survey_id, "respondent_id": respondent, "question_no": q,
                "question": question, "item": None,
                "answer_text": [AGREEMENT_SCALE[int(v) - 1] for v in value],
                "answer_value": value, "answered_at": at,
            }))
        self.school.add("survey_answer", pd.concat(answers, ignore_index=True))

    def _self_reflection(self, year: str, seq: int, rng: np.random.Generator) -> None:
        """The learners' own view after a period: how each core subject goes, and a wish for flex.

        Learners who stated a need by self-reflection answered in line with it."""
        period = self.periods[(year, seq)]
        percent = self.percent.get((year, seq))
        if percent is None:
            return
        decided = min(period["ends_on"], self.today - dt.timedelta(days=14))
        wishes = self.needs[
            (self.needs["source"] == "self_reflection") & (self.needs["valid_from"] == decided)
        ]
        wish_of = {int(r.learner_id): (r.kind, r.subject_id) for r in wishes.itertuples()}
        enrolled = self.enrolment[year]["index"].to_numpy()
        ids = self.learners["learner_id"].to_numpy()
        answering = [i for i in enrolled if int(ids[i]) in wish_of or rng.random() < 0.5]
        if not answering:
            return
        moment = min(period["ends_on"], self.today - dt.timedelta(days=16))
        survey_id = self._new_survey(
            f"Zelfreflectie flex {year} – trimester {seq}", "self_reflection", "learners", moment
        )
        names_of = {c: nl for c, nl, _, _ in SUBJECTS}
        self._questions(survey_id, [(f"Hoe lukt {names_of[s]}?", "scale", "success4", 4.0)
                                    for s in CORE_SUBJECTS]
                        + [("Waaraan wil ik werken in de flexuren?", "choice", None, None)])
        at = pd.Timestamp(moment) + pd.Timedelta(hours=10)
        self.school.add("survey_respondent", pd.DataFrame({
            "survey_id": survey_id, "respondent_id": np.arange(1, len(answering) + 1),
            "learner_id": ids[answering], "is_complete": True, "answered_at": at,
        }))
        names = {c: nl for c, nl, _, _ in SUBJECTS}
        rows = []
        for respondent, index in enumerate(answering, start=1):
            for q, subject in enumerate(CORE_SUBJECTS, start=1):
                felt = percent[index, self.subject_index[subject]] + rng.normal(0, 8)
                value = int(np.clip(1 + (felt - 35) // 15, 1, 4))
                rows.append((respondent, q, f"Hoe lukt {names[subject]}?", SELF_SCALE[value - 1],
                             float(value)))
            kind, subject = wish_of.get(int(ids[index]), ("broadening", None))
            if int(ids[index]) not in wish_of and rng.random() < 0.5:
                kind = "deepening"
                subject = CORE_SUBJECTS[int(rng.integers(0, 4))]
            wish = {
                "remediation": f"Bijwerken: {names.get(subject, '')}",
                "deepening": f"Verdiepen: {names.get(subject, '')}",
                "broadening": "Iets nieuws leren (verbreding)",
            }[kind]
            rows.append((respondent, len(CORE_SUBJECTS) + 1,
                         "Waaraan wil ik werken in de flexuren?", wish, None))
        frame = pd.DataFrame(rows, columns=["respondent_id", "question_no", "question",
                                            "answer_text", "answer_value"])
        frame.insert(0, "survey_id", survey_id)
        frame["item"] = None
        frame["answered_at"] = at
        self.school.add("survey_answer", frame)

    def _staff_wellbeing(self, year: str, moment: dt.date, rng: np.random.Generator) -> None:
        answering = self.staff[rng.random(len(self.staff)) < 0.75]
        count = len(answering)
        survey_id = self._new_survey(f"Welbevinden personeel {year}", "wellbeing", "staff", moment)
        self._questions(survey_id, [(q, "scale", "agreement5", 5.0)
                                    for q in STAFF_WELLBEING_QUESTIONS])
        at = pd.to_datetime(moment) + pd.to_timedelta(rng.integers(0, 7 * 24 * 60, count), "min")
        respondent = np.arange(1, count + 1)
        self.school.add("survey_respondent", pd.DataFrame({
            "survey_id": survey_id, "respondent_id": respondent,
            "staff_id": answering["staff_id"].to_numpy(), "is_complete": True,
            "answered_at": at,
        }))
        answers = []
        for q, question in enumerate(STAFF_WELLBEING_QUESTIONS, start=1):
            value = np.clip(np.round(rng.normal(3.5 if q != 2 else 2.7, 0.9, count)), 1, 5)
            answers.append(pd.DataFrame({
                "survey_id": survey_id, "respondent_id": respondent, "question_no": q,
                "question": question, "item": None,
                "answer_text": [AGREEMENT_SCALE[int(v) - 1] for v in value],
                "answer_value": value, "answered_at": at,
            }))
        self.school.add("survey_answer", pd.concat(answers, ignore_index=True))


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _ascii(text: str) -> str:
    return (
        text.replace("'", "").replace("ë", "e").replace("é", "e").replace("ï", "i")
    )
