"""The demo school's team tools: two rounds of the self-assessment, a register of teacher
leaders with a time-registration survey, and two work-coaching trajectories.

Called once from :func:`app.demo.build_demo`, after the demo accounts exist (trajectories are
between accounts). Deterministic for a seed and a reference date.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from app import auth
from app.admin import users
from app.audit import Audit
from app.db import Database, Transaction
from app.school import school_calendar

DOMAIN = "demo.dehorizon.example"

# Responsibilities per role, with estimated hours per week, and the hours released per holder.
TASKS = {
    "grade_coordinator": ([("Overleg met directie en graadteam", 2.0),
                           ("Opvolging van leerlingen en ouders in de graad", 4.0),
                           ("Klassenraden en examens organiseren", 2.5),
                           ("Aanspreekpunt voor collega's van de graad", 1.5)], 4.0),
    "care_coordinator": ([("Zorgoverleg en multidisciplinair overleg", 3.0),
                          ("Contact met CLB en ouders", 2.0),
                          ("Redelijke aanpassingen opvolgen", 2.0)], 6.0),
    "mentor": ([("Begeleiding van starters", 1.5), ("Klasbezoeken met nagesprek", 1.0)], 2.0),
    "subject_team_chair": ([("Vakgroepvergaderingen voorbereiden en leiden", 1.0),
                            ("Leerplannen en materiaal afstemmen", 0.5)], 1.0),
    "ict_coordinator": ([("Toestellen en accounts beheren", 3.5),
                         ("Ondersteuning Smartschool", 2.0),
                         ("Helpdesk voor collega's", 2.0)], 2.0),
    "policy_support": ([("Schoolplanning en beleidsdocumenten", 2.0),
                        ("Professionaliseringsplan opvolgen", 1.5)], 4.0),
    "flex_coordinator": ([("Flexaanbod en groepen samenstellen", 3.0),
                          ("Wissels en berichten aan leerlingen en ouders", 1.5),
                          ("Overleg met vak- en flexleerkrachten", 1.0)], 4.0),
}
TIME_QUESTION = "Hoeveel uur per week besteedde je gemiddeld aan je taak als {name}?"

# The goals of the two trajectories, in the order they are numbered, grouped by domain and by
# origin: a need the school names, or the teacher's own wish.
GOALS_A = {
    ("didactic", "need"): ["Start de les met een duidelijk lesdoel op het bord.",
                           "Wisselt na maximaal 20 minuten van werkvorm (leswissel).",
                           "Geeft gedifferentieerde instructie aan minstens twee niveaugroepen."],
    ("didactic", "wish"): ["Voorziet gedifferentieerde verwerking.",
                           "Benoemt strategieën hardop (modelen)."],
    ("pedagogical", "need"): ["Spreekt storend gedrag rustig en consequent aan."],
    ("organisational", "need"): ["Begint en eindigt de les op tijd."],
    ("organisational", "wish"): ["Houdt het leerlingvolgsysteem wekelijks bij."],
}
GOALS_B = {
    ("pedagogical", "need"): ["Maakt afspraken over klasregels samen met de leerlingen."],
    ("didactic", "need"): ["Geeft elke les feedback op het lesdoel."],
    ("didactic", "wish"): ["Zet groepswerk gestructureerd op met rollen."],
    ("organisational", "need"): ["Plant toetsen en taken tijdig in de planner."],
    ("organisational", "wish"): ["Bereidt lessen voor met een uitgeschreven lesverloop."],
}


def build(db: Database, today: dt.date, seed: int = 7) -> None:
    rng = np.random.default_rng(seed + 8)
    teacher_two = _second_teacher(db)
    with db.transaction(Audit("demo", "team", scope="cli", detail="team tools")) as tx:
        _selfcheck(tx, today, rng)
        _leaders(tx, today, rng)
        ids = {local: _user_id(tx, local) for local in ("directie", "leerkracht", "begeleider")}
        if all(ids.values()) and teacher_two:
            _trajectories(tx, today, ids, teacher_two)


def _user_id(tx: Transaction, local: str) -> int | None:
    row = tx.records("auth/user_by_email", email=f"{local}@{DOMAIN}")
    return int(row[0]["user_id"]) if row else None


def _second_teacher(db: Database) -> int | None:
    """A second teacher, coached in the second trajectory. The account has no password (it
    could only sign in through the school's OpenID Connect), so the sign-in page, which offers
    the demo accounts with the published password, keeps one button per role. It is a demo
    account all the same: leaving demo mode switches it off with the others."""
    taken = {r["staff_id"] for r in db.records("auth/users") if r.get("staff_id") is not None}
    staff = db.read("common/staff_options")
    free = [int(s) for s in staff["staff_id"] if int(s) not in taken]
    if not free:
        return None
    return users.add_user(
        db, auth.COMMAND_LINE,
        email=f"werkbegeleiding@{DOMAIN}", name="Leerkracht in werkbegeleiding (demo)",
        roles=["teacher"], staff_id=free[len(free) // 2], is_demo=True)


# -- the self-assessment ------------------------------------------------------------------------

def _selfcheck(tx: Transaction, today: dt.date, rng: np.random.Generator) -> None:
    indicators = [int(i) for i in tx.read("team/selfcheck/checklist")["indicator_id"]]
    year = school_calendar.school_year_of(today)
    previous = school_calendar.previous_school_year(year)
    first = school_calendar.school_year_bounds(previous)[0] + dt.timedelta(days=160)
    second = min(today - dt.timedelta(days=10),
                 school_calendar.school_year_bounds(year)[0] + dt.timedelta(days=45))
    level = {i: int(rng.integers(1, 4)) for i in indicators}
    owners = ["Flexcoördinator", "Directie", "Graadcoördinator 1ste graad", "Zorgcoördinator"]
    for held_on, participants, step in (
            (first, "Directie, flexcoördinator, zorgcoördinator, twee flexleerkrachten", 0),
            (second, "Directie, flexteam, graadcoördinatoren, leerlingenraad (2 leerlingen)",
             1)):
        if held_on > today:
            continue
        round_id = int(tx.scalar("team/selfcheck/round_insert", held_on=held_on,
                                 participants=participants, user_id=None))
        for indicator_id in indicators:
            score = int(min(4, level[indicator_id] + step * int(rng.random() < 0.6)))
            decision = "secure" if score >= 3 else ("adjust" if rng.random() < 0.8 else "drop")
            note = {
                "secure": "Zo houden; opnemen in de jaarplanning.",
                "adjust": "Bijsturen: afspraak maken in het flexteam.",
                "drop": "Niet haalbaar dit schooljaar; volgend jaar opnieuw bekijken.",
            }[decision]
            tx.execute("team/selfcheck/score_upsert", round_id=round_id,
                       indicator_id=indicator_id, score=score, decision=decision, note=note,
                       owner=owners[int(rng.integers(0, len(owners)))])
            level[indicator_id] = score


# -- teacher leaders ----------------------------------------------------------------------------

def _leaders(tx: Transaction, today: dt.date, rng: np.random.Generator) -> None:
    role_ids = {r["code"]: int(r["role_id"]) for r in tx.records("team/leaders/roles")}
    candidates = tx.read("team/leaders/staff_roles")
    holders: list[tuple[str, int, float]] = []
    for code, (tasks, released) in TASKS.items():
        role_id = role_ids[code]
        for text, hours in tasks:
            tx.execute("team/leaders/task_insert", role_id=role_id, text=text,
                       estimated_hours=hours)
        staff_ids = [int(s) for s in candidates[candidates["role_id"] == role_id]["staff_id"]]
        for n, staff_id in enumerate(staff_ids):
            hours = released if n == 0 or code == "subject_team_chair" \
                else max(0.0, released - 1.0)
            tx.execute("team/leaders/holder_insert", role_id=role_id, staff_id=staff_id,
                       released_hours=hours)
            holders.append((code, staff_id, sum(h for _, h in tasks)))
    _time_registration(tx, today, rng, role_ids, holders)


def _time_registration(tx: Transaction, today: dt.date, rng: np.random.Generator,
                       role_ids: dict[str, int], holders: list[tuple[str, int, float]]) -> None:
    names = {r["code"]: r["name_nl"] for r in tx.records("team/leaders/roles")}
    codes = list(TASKS)
    moment = today - dt.timedelta(days=7)
    survey_id = tx.next_ids("survey_id_seq", 1)[0]
    tx.insert_frame("survey", pd.DataFrame([{
        "survey_id": survey_id, "title": f"Tijdsregistratie taken {moment.isoformat()[:7]}",
        "source": "google_forms", "audience": "staff", "tag": "time_registration",
        "created_at": dt.datetime.combine(moment, dt.time(16, 0))}]))
    tx.insert_frame("survey_question", pd.DataFrame([
        {"survey_id": survey_id, "question_no": n,
         "question": TIME_QUESTION.format(name=names[c].lower()), "question_type": "number",
         "scale_name": None, "scale_min": None, "scale_max": None}
        for n, c in enumerate(codes, start=1)]))
    people = sorted({staff_id for _, staff_id, _ in holders})
    tx.insert_frame("survey_respondent", pd.DataFrame({
        "survey_id": survey_id, "respondent_id": range(1, len(people) + 1),
        "staff_id": people, "is_complete": True,
        "answered_at": pd.Timestamp(moment) + pd.Timedelta(hours=16)}))
    respondent = {s: n for n, s in enumerate(people, start=1)}
    rows = []
    for code, staff_id, estimate in holders:
        # Coordinators report more than estimated; others about the estimate.
        bias = 1.3 if code in ("grade_coordinator", "ict_coordinator") else 1.0
        hours = round(max(0.5, estimate * bias + rng.normal(0, 0.8)) * 2) / 2
        question_no = codes.index(code) + 1
        rows.append({"survey_id": survey_id, "respondent_id": respondent[staff_id],
                     "question_no": question_no,
                     "question": TIME_QUESTION.format(name=names[code].lower()), "item": None,
                     "answer_text": f"{hours:g}".replace(".", ","), "answer_value": hours,
                     "answered_at": pd.Timestamp(moment) + pd.Timedelta(hours=16)})
    tx.insert_frame("survey_answer", pd.DataFrame(rows))


# -- work-coaching trajectories -----------------------------------------------------------------

def _trajectories(tx: Transaction, today: dt.date, ids: dict[str, int], second: int) -> None:
    manager, teacher, adviser = ids["directie"], ids["leerkracht"], ids["begeleider"]
    start = today - dt.timedelta(days=69)
    a = _trajectory(tx, teacher, adviser, manager, start, start + dt.timedelta(days=140),
                    "coaching", "Zorgen over klasmanagement en differentiatie na interne "
                    "begeleiding zonder voldoende resultaat.")
    _goals(tx, a, GOALS_A)
    tx.execute("team/coaching/goals_fix", trajectory_id=a,
               fixed_at=dt.datetime.combine(start + dt.timedelta(days=16), dt.time(15)),
               fixed_by="Directie (demo)")
    plan = [(start + dt.timedelta(days=14), True, True),
            (start + dt.timedelta(days=28), True, True),
            (start + dt.timedelta(days=56), False, True),
            (start + dt.timedelta(days=84), True, False)]
    _visits(tx, a, plan, base=(2, 1))
    b_start = today - dt.timedelta(days=260)
    b = _trajectory(tx, second, adviser, manager, b_start, b_start + dt.timedelta(days=120),
                    "final_report", "Klachten van ouders over orde en planning.")
    _goals(tx, b, GOALS_B)
    tx.execute("team/coaching/goals_fix", trajectory_id=b,
               fixed_at=dt.datetime.combine(b_start + dt.timedelta(days=12), dt.time(15)),
               fixed_by="Pedagogisch begeleider (demo)")
    plan = [(b_start + dt.timedelta(days=10), True, True)] + [
        (b_start + dt.timedelta(days=10 + 21 * n), n % 2 == 1, True) for n in range(1, 5)]
    _visits(tx, b, plan, base=(2, 2))


def _trajectory(tx: Transaction, teacher: int, adviser: int, manager: int, start: dt.date,
                end: dt.date, status: str, reason: str) -> int:
    trajectory_id = int(tx.scalar(
        "team/coaching/trajectory_insert", teacher_user_id=teacher, adviser_user_id=adviser,
        manager_user_id=manager, starts_on=start, ends_on=end, reason=reason))
    tx.execute("team/coaching/status_update", trajectory_id=trajectory_id, new_status=status,
               closed_at=None)
    return trajectory_id


def _goals(tx: Transaction, trajectory_id: int,
           goals: dict[tuple[str, str], list[str]]) -> None:
    listed = [(text, domain, origin) for (domain, origin), texts in goals.items()
              for text in texts]
    for seq, (text, domain, origin) in enumerate(listed, start=1):
        tx.execute("team/coaching/goal_insert", trajectory_id=trajectory_id, seq=seq, text=text,
                   domain=domain, origin=origin)


ADVICE = [
    "Schrijf het lesdoel vooraf op en verwijs er aan het einde van de les naar.",
    "Plan de leswissel in je lesvoorbereiding met een timer.",
    "Werk met een instructietafel voor de groep die meer uitleg nodig heeft.",
    "Sluit af met een korte exit ticket om de verwerking te checken.",
]


def _visits(tx: Transaction, trajectory_id: int, plan: list[tuple[dt.date, bool, bool]],
            base: tuple[int, int]) -> None:
    goal_ids = [int(g) for g in tx.read("team/coaching/goals", scope=_party(tx, trajectory_id),
                                        trajectory_id=trajectory_id)["goal_id"]]
    for seq, (day, announced, held) in enumerate(plan):
        kind = "diagnostic" if seq == 0 else "coaching"
        tx.execute("team/coaching/visit_insert", trajectory_id=trajectory_id, visit_kind=kind,
                   seq=seq, planned_on=day, announced=announced)
        visit_id = int(tx.scalar("team/coaching/visit_id", trajectory_id=trajectory_id,
                                 seq=seq))
        if not held:
            continue
        if kind == "diagnostic":
            tx.execute("team/coaching/visit_held", visit_id=visit_id)
            continue
        for n, goal_id in enumerate(goal_ids):
            own = min(4, base[0] + (seq + n) // 3)
            theirs = min(4, base[1] + (seq + n * 2) // 4)
            tx.execute("team/coaching/rating_upsert", visit_id=visit_id, goal_id=goal_id,
                       by_whom="self", score=own, note=None)
            tx.execute("team/coaching/rating_upsert", visit_id=visit_id, goal_id=goal_id,
                       by_whom="adviser", score=theirs, note=None)
        tx.execute("team/coaching/visit_talk", visit_id=visit_id,
                   talk_on=day + dt.timedelta(days=1),
                   reflection="De leerkracht ziet dat de leerlingen rustiger werken wanneer het "
                              "lesdoel zichtbaar is, maar vindt differentiëren nog zwaar.",
                   advice=ADVICE[(seq - 1) % len(ADVICE)])


def _party(tx: Transaction, trajectory_id: int):
    from app.scope import Scope

    row = tx.records("team/coaching/trajectory_parties", trajectory_id=trajectory_id)[0]
    return Scope(user_id=int(row["adviser_user_id"]))
