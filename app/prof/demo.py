"""A year of professional development for the demo school: needed and present levels, a plan
with priorities and initiatives, the induction of its starters, a budget with a key and pots,
requests in every state (with who and when), spending, evaluations and internal expertise.

Called from ``app.demo.build_demo`` once the school, its staff and the demo accounts exist.
Written through the same queries the app uses, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd

from app.audit import Audit
from app.db import Database, Transaction
from app.prof import rules
from app.school import school_calendar
from app.scope import Scope

DIRECTOR = "Directie (demo)"


def build(db: Database, today: dt.date, seed: int = 7) -> None:
    rng = np.random.default_rng(seed + 606)
    year = school_calendar.school_year_of(today)
    previous = school_calendar.previous_school_year(year)
    people = db.read("prof/staff_people", scope=Scope(staff_data=True))
    if people.empty:
        return
    competences = db.read("prof/competences")
    cid = dict(zip(competences["code"], competences["competence_id"], strict=True))
    teacher = db.one("prof/demo_user", email="leerkracht@demo.dehorizon.example")
    director = db.one("prof/demo_user", email="directie@demo.dehorizon.example")
    teacher_staff = teacher["staff_id"] if teacher else None
    director_id = director["user_id"] if director else None
    classes = db.read("prof/subjects_and_classes", school_year=year)
    class_ids = [int(c) for c in classes.loc[classes["kind"] == "class", "id"]]
    prev_classes = db.read("prof/subjects_and_classes", school_year=previous)
    prev_class_ids = [int(c) for c in prev_classes.loc[prev_classes["kind"] == "class", "id"]]
    teams = people["subject_team"].value_counts()
    big_team = str(teams.index[0])
    staff_ids = [int(s) for s in people["staff_id"]]
    start, end = school_calendar.school_year_bounds(year)

    audit = Audit("demo", "prof", scope="cli", detail=f"staff={len(staff_ids)}")
    with db.transaction(audit) as tx:
        _grades_and_teams(tx, people, rng)
        _needed_levels(tx, cid, big_team)
        _levels(tx, people, cid, rng, start, today)
        priorities = _plan(tx, year, cid)
        initiatives = _initiatives(tx, year, previous, cid, priorities)
        _budget(tx, year, big_team, people)
        _requests(tx, rng, year, previous, people, cid, initiatives, teacher_staff, director_id,
                  class_ids, prev_class_ids, start, today)
        _induction(tx, year, people, start, today)
        _evaluations(tx, initiatives, today)
        for staff_id, code, note in ((staff_ids[1], "ICT3", "Bookwidgets en Forms in de les"),
                                     (staff_ids[2], "DID4", "Coachende gesprekken met leerlingen"),
                                     (staff_ids[3], "ORG6", "Korte, doelgerichte vergaderingen")):
            tx.execute("prof/expertise_upsert", staff_id=staff_id, competence_id=cid[code],
                       note=note, today=start + dt.timedelta(days=20))
    del end


def _grades_and_teams(tx: Transaction, people: pd.DataFrame, rng) -> None:
    for n, staff_id in enumerate(people["staff_id"]):
        grades = [1, 2] if n % 3 == 0 else [1 + int(rng.integers(0, 2))]
        for grade in grades:
            tx.execute("prof/staff_grade_insert", staff_id=int(staff_id), grade=grade)
        if n % 4 == 0:
            tx.execute("prof/team_member_insert", team="Unit eerste graad",
                       staff_id=int(staff_id))
    care = [int(s) for s, roles in zip(people["staff_id"], people["roles"], strict=True)
            if "care_coordinator" in roles]
    for staff_id in care:
        tx.execute("prof/team_member_insert", team="Zorgteam", staff_id=staff_id)


NEEDED = [
    ("DID2", "school", "", 3), ("DID1", "school", "", 2), ("DID6", "school", "", 2),
    ("DID7", "school", "", 2), ("ICT3", "school", "", 2), ("ORG2", "school", "", 2),
    ("DID4", "role", "mentor", 3), ("DID2", "role", "care_coordinator", 4),
    ("ORG7", "role", "grade_coordinator", 3), ("BEL2", "role", "grade_coordinator", 2),
    ("ICT2", "role", "ict_coordinator", 4), ("DID1", "grade", "1", 3),
]


def _needed_levels(tx: Transaction, cid: dict, big_team: str) -> None:
    rows = [{"competence_id": cid[c], "target_kind": k, "target": t, "level": lv}
            for c, k, t, lv in NEEDED]
    rows.append({"competence_id": cid["VAK1"], "target_kind": "subject_team",
                 "target": big_team, "level": 3})
    tx.execute_many("prof/needed_insert", rows)


def _levels(tx: Transaction, people: pd.DataFrame, cid: dict, rng, start: dt.date,
            today: dt.date) -> None:
    codes = sorted({c for c, *_ in NEEDED} | {"VAK1"})
    moment = min(today, start + dt.timedelta(days=30))
    rows = []
    for n, staff_id in enumerate(people["staff_id"]):
        if n % 6 == 5:
            continue  # not everyone filled in the self-assessment
        for code in codes:
            level = int(np.clip(rng.normal(2.4, 0.9), 1, 4).round())
            rows.append({"staff_id": int(staff_id), "competence_id": cid[code], "source": "self",
                         "level": level, "assessed_on": moment, "note": None,
                         "recorded_by": "zelfevaluatie"})
            if n % 5 == 0 and code in ("DID2", "DID4"):
                rows.append({"staff_id": int(staff_id), "competence_id": cid[code],
                             "source": "appraisal", "level": max(1, level - 1),
                             "assessed_on": moment + dt.timedelta(days=14),
                             "note": "Bijgesteld na functioneringsgesprek",
                             "recorded_by": DIRECTOR})
    tx.execute_many("prof/staff_level_upsert", rows)


def _plan(tx: Transaction, year: str, cid: dict) -> dict[str, int]:
    start = int(year[:4])
    until = f"{start + 3}-{start + 4}"
    plan = [
        ("year", None, "Differentiëren in de klas", "Elke leraar past werkvormen en tempo aan "
         "de beginsituatie en de diversiteit in de klas aan.", "coaching", "team",
         ["DID1", "DID2"]),
        ("year", None, "Breed evalueren", "Een gedeelde visie op breed en permanent evalueren, "
         "met feedback in elke les.", "study_day", "school", ["DID6", "DID7"]),
        ("year", None, "Digitale didactiek", "Collega's leren van collega's: ICT zinvol inzetten "
         "in de les.", "internal_sharing", "team", ["ICT3"]),
        ("long", until, "Vakoverschrijdend teamwerken", "Over drie tot vijf jaar werken units "
         "van 6 à 7 VTE samen rond een leerlingengroep.", "learning_network", "team",
         ["ORG2", "ORG3"]),
        ("long", until, "Kwaliteitszorg als cyclus", "Zelfevaluatie, bijsturen en borgen worden "
         "een jaarlijkse routine, ook voor het professionaliseringsbeleid (BL9).",
         "external_training", "school", ["BEL2"]),
    ]
    ids = tx.next_ids("prof_priority_id_seq", len(plan))
    for n, (pid, (horizon, until_year, title, goal, form, collective, codes)) in enumerate(
            zip(ids, plan, strict=True), start=1):
        tx.execute("prof/priority_upsert", priority_id=pid, school_year=year, horizon=horizon,
                   until_year=until_year, title=title, goal=goal, form=form,
                   collective=collective, competence_ids=[cid[c] for c in codes], seq=n)
    return dict(zip(["diff", "eval", "ict", "team", "quality"], ids, strict=True))


def _initiatives(tx: Transaction, year: str, previous: str, cid: dict,
                 priorities: dict[str, int]) -> dict[str, int]:
    s = int(year[:4])
    d = dt.date
    items = [
        ("study", year, "eval", "Pedagogische studiedag: breed evalueren", "study_day",
         "school", "Pedagogische begeleidingsdienst", "DID6", d(s, 10, 14), d(s, 10, 14), 6,
         1200),
        ("coach", year, "diff", "Coachingstraject differentiëren (PBD)", "coaching", "team",
         "Pedagogische begeleidingsdienst", "DID2", d(s, 10, 1), d(s + 1, 5, 31), 12, 0),
        ("math", year, "diff", "Differentiëren in de wiskundeles", "external_training",
         "individual", "Nascholingscentrum", "DID2", d(s, 11, 5), d(s, 11, 5), 6, 180),
        ("ict", year, "ict", "Bookwidgets in de les: collega's tonen hoe", "internal_sharing",
         "team", "Interne expert", "ICT3", d(s, 11, 18), d(s, 11, 18), 2, 0),
        ("peer", year, "diff", "Hospiteren bij collega's eerste graad", "peer_visit", "team",
         None, "DID1", d(s, 12, 1), d(s + 1, 3, 31), 4, 0),
        ("network", year, "team", "Leernetwerk vakoverschrijdend werken", "learning_network",
         "team", "Scholengemeenschap", "ORG2", d(s + 1, 1, 20), d(s + 1, 5, 20), 10, 450),
        ("quality", year, "quality", "Kwaliteitszorg: cyclisch werken", "external_training",
         "individual", "Onderwijscentrum", "BEL2", d(s + 1, 2, 10), d(s + 1, 2, 11), 12, 390),
        ("reading", previous, None, "Begrijpend lezen in alle vakken", "external_training",
         "individual", "Nascholingscentrum", "VAK2", d(s - 1, 12, 22), d(s - 1, 12, 22), 6, 160),
    ]
    ids = tx.next_ids("prof_initiative_id_seq", len(items))
    found = {}
    for iid, (key, y, prio, title, form, coll, partner, code, a, b, hours, cost) in zip(
            ids, items, strict=True):
        tx.execute("prof/initiative_upsert", initiative_id=iid, school_year=y,
                   priority_id=priorities.get(prio) if prio else None, title=title, form=form,
                   collective=coll, partner=partner, competence_id=cid[code], starts_on=a,
                   ends_on=b, hours=Decimal(hours), estimated_cost=Decimal(cost))
        found[key] = iid
    return found


def _budget(tx: Transaction, year: str, big_team: str, people: pd.DataFrame) -> None:
    sources = [("government", "Professionaliseringsmiddelen Vlaamse overheid", "9850.00"),
               ("school_board", "Aanvulling schoolbestuur", "2500.00"),
               ("other", "Subsidie leernetwerk scholengemeenschap", "600.00")]
    for kind, label, amount in sources:
        tx.execute("prof/source_upsert", school_year=year, kind=kind, label=label,
                   amount=Decimal(amount))
    lines = [rules.KeyLine("pro_rata", "", Decimal("35")),
             rules.KeyLine("school", "", Decimal("30")),
             rules.KeyLine("grade", "1", Decimal("10")),
             rules.KeyLine("subject_team", big_team, Decimal("10")),
             rules.KeyLine("team", "Zorgteam", Decimal("5")),
             rules.KeyLine("role", "mentor", Decimal("10"))]
    budget = sum((Decimal(a) for *_, a in sources), Decimal(0))
    staff = [rules.Staff(int(r.staff_id), Decimal(str(r.fte))) for r in people.itertuples()]
    pots = rules.allocate(budget, lines, staff)
    for n, line in enumerate(lines, start=1):
        tx.execute("prof/key_insert", school_year=year, seq=n, target_kind=line.kind,
                   target=line.target, percent=line.percent)
    for (kind, target), amount in pots.items():
        tx.execute("prof/pot_upsert", school_year=year, target_kind=kind, target=target,
                   allocated=amount)
    start, _ = school_calendar.school_year_bounds(year)
    tx.execute("prof/key_applied_upsert", school_year=year, budget=budget, applied_by=DIRECTOR,
               applied_at=dt.datetime.combine(start + dt.timedelta(days=14), dt.time(16, 0)))


def _requests(tx: Transaction, rng, year: str, previous: str, people: pd.DataFrame, cid: dict,
              initiatives: dict[str, int], teacher_staff: int | None, director_id: int | None,
              class_ids: list[int], prev_class_ids: list[int], start: dt.date,
              today: dt.date) -> None:
    others = [int(s) for s in people["staff_id"] if int(s) != teacher_staff]
    owner = (teacher_staff if teacher_staff is not None else others[0])
    pick = iter(others * 3)
    # (staff, initiative key, title, state, days after 1 September made, fee, travel, sub,
    # hours, competence, sharing plan, shared)
    plan = [
        (owner, "math", "Differentiëren in de wiskundeles", "evaluated", 30, 180, 24, 110, 6,
         "DID2", "Toelichting op de vakgroepvergadering van december", True),
        (owner, None, "Vorming evalueren met rubrics", "draft", 75, 145, 18, 0, 3, "DID6",
         "Rubrics delen in de gedeelde map", False),
        (next(pick), "math", "Differentiëren in de wiskundeles", "done", 32, 180, 30, 110, 6,
         "DID2", "Materiaal delen met de vakgroep", False),
        (next(pick), "quality", "Kwaliteitszorg: cyclisch werken", "approved", 60, 390, 40,
         220, 12, "BEL2", "Voorstel op de personeelsvergadering", False),
        (next(pick), None, "Klasmanagement voor beginnende leraren", "approved", 55, 95, 12,
         0, 3, "DID5", None, False),
        (next(pick), "network", "Leernetwerk vakoverschrijdend werken", "approved", 65, 150, 0,
         0, 10, "ORG2", "Verslag per bijeenkomst in de unit", False),
        (next(pick), None, "Conferentie digitale didactiek", "submitted", 70, 260, 85, 110, 6,
         "ICT3", "Demo op de volgende studiedag", False),
        (next(pick), None, "Coachend lesgeven", "submitted", 74, 210, 20, 110, 6, "DID4",
         "Intervisie met de mentoren", False),
        (next(pick), None, "Omgaan met faalangst", "submitted", 78, 120, 16, 0, 3, "DID2",
         None, False),
        (next(pick), None, "Congres schoolleiderschap", "refused", 40, 650, 120, 220, 12,
         "BEL1", None, False),
        (next(pick), None, "Engels: CLIL in de praktijk", "draft", 80, 175, 22, 0, 6, "VAK1",
         None, False),
        (next(pick), "ict", "Bookwidgets in de les: collega's tonen hoe", "evaluated", 50, 0,
         0, 0, 2, "ICT3", "Zelf een sessie geven in januari", True),
    ]
    prev_subject = "NED"
    for staff_id, init, title, state, day, fee, travel, sub, hours, code, sharing, shared in \
            plan:
        made = dt.datetime.combine(start + dt.timedelta(days=day), dt.time(15, 30))
        if made.date() > today:
            made = dt.datetime.combine(today, dt.time(8, 0))
        request_id = tx.next_ids("prof_request_id_seq", 1)[0]
        begins = made.date() + dt.timedelta(days=14)
        if init == "math":
            begins = dt.date(start.year, 11, 5)
        tx.execute("prof/request_insert", request_id=request_id, school_year=year,
                   staff_id=staff_id, made_by=None, initiative_id=initiatives.get(init),
                   title=title, goal=f"Ik wil {title.lower()} om mijn lessen te versterken.",
                   partner="Nascholingscentrum" if fee else "Interne collega", form=(
                       "internal_sharing" if init == "ict" else "external_training"),
                   competence_id=cid[code], subject_id="WIS" if init == "math" else None,
                   class_ids=class_ids[:2] if init == "math" else None, starts_on=begins,
                   ends_on=begins, fee=Decimal(fee), travel=Decimal(travel),
                   substitute=Decimal(sub), hours=Decimal(hours), sharing_plan=sharing,
                   now=made)
        path = {"draft": [], "submitted": ["submitted"], "approved": ["submitted", "approved"],
                "refused": ["submitted", "refused"], "done": ["submitted", "approved", "done"],
                "evaluated": ["submitted", "approved", "done", "evaluated"]}[state]
        steps = [(None, "draft", made, "Leerkracht")]
        when = made
        for frm, to in zip(["draft", *path], path, strict=False):
            when = when + dt.timedelta(days=3 if to != "done" else 12)
            if to == "done":
                when = max(when, dt.datetime.combine(begins, dt.time(17, 0)))
            when = min(when, dt.datetime.combine(today, dt.time(9, 0)))
            steps.append((frm, to, when, DIRECTOR if to in ("approved", "refused") else
                          "Leerkracht"))
        pot = tx.scalar("prof/pot_for_staff", school_year=year, staff_id=staff_id,
                        cost=Decimal(fee + travel + sub))
        for frm, to, at, who in steps:
            tx.execute("prof/request_step_insert", request_id=request_id, from_state=frm,
                       to_state=to, by_user_id=director_id if who == DIRECTOR else None,
                       by_name=who, now=at,
                       note="Past niet in de prioriteiten van dit schooljaar; volgend jaar "
                            "opnieuw bekijken." if to == "refused" else None)
        if path:
            tx.execute("prof/request_move", request_id=request_id, version=1, from_state="draft",
                       to_state=state, pot_id=pot if "approved" in path else None, now=when)
        if init is not None and "approved" in path:
            tx.execute("prof/participant_upsert", initiative_id=initiatives[init],
                       staff_id=staff_id, request_id=request_id, attended="done" in path)
        if "done" in path and fee + travel + sub:
            done_on = next(at for _, to, at, _ in steps if to == "done").date()
            tx.execute("prof/spending_insert", school_year=year, pot_id=pot,
                       request_id=request_id, initiative_id=initiatives.get(init),
                       spent_on=done_on, amount=Decimal(fee + travel + sub) - Decimal("12.50"),
                       description=None, recorded_by=DIRECTOR)
        if shared:
            tx.execute("prof/request_shared", request_id=request_id,
                       shared_on=min(today, begins + dt.timedelta(days=10)),
                       shared_note="Gedeeld op de vakgroepvergadering", now=when)
    # The study day: the speaker, paid from the school-wide pot; everyone took part.
    school_pot = tx.scalar("prof/pot_for_staff", school_year=year, staff_id=others[0],
                           cost=Decimal(0))
    study_day = dt.date(start.year, 10, 14)
    if study_day <= today:
        tx.execute("prof/spending_insert", school_year=year, pot_id=_school_pot(tx, year) or
                   school_pot, request_id=None, initiative_id=initiatives["study"],
                   spent_on=study_day, amount=Decimal("1200.00"),
                   description="Spreker studiedag", recorded_by=DIRECTOR)
        tx.execute("prof/spending_insert", school_year=year, pot_id=_school_pot(tx, year) or
                   school_pot, request_id=None, initiative_id=initiatives["study"],
                   spent_on=study_day, amount=Decimal("310.40"),
                   description="Catering studiedag", recorded_by=DIRECTOR)
        for n, staff_id in enumerate(people["staff_id"]):
            if n % 7 == 3:
                continue  # absent that day (ill, on a school trip)
            tx.execute("prof/participant_upsert", initiative_id=initiatives["study"],
                       staff_id=int(staff_id), request_id=None, attended=True)
    # Last school year: reading in every subject, with classes and subject for level 5.
    for staff_id in others[:3]:
        request_id = tx.next_ids("prof_request_id_seq", 1)[0]
        made = dt.datetime(start.year - 1, 11, 20, 15, 0)
        tx.execute("prof/request_insert", request_id=request_id, school_year=previous,
                   staff_id=staff_id, made_by=None, initiative_id=initiatives["reading"],
                   title="Begrijpend lezen in alle vakken",
                   goal="Leesstrategieën in mijn vak inbouwen.", partner="Nascholingscentrum",
                   form="external_training", competence_id=cid["VAK2"],
                   subject_id=prev_subject, class_ids=prev_class_ids[:3],
                   starts_on=dt.date(start.year - 1, 12, 22),
                   ends_on=dt.date(start.year - 1, 12, 22), fee=Decimal(160),
                   travel=Decimal(0), substitute=Decimal(0), hours=Decimal(6),
                   sharing_plan="Leesfiches voor alle vakken", now=made)
        for seq_to, frm in (("submitted", "draft"), ("approved", "submitted"),
                            ("done", "approved"), ("evaluated", "done")):
            tx.execute("prof/request_step_insert", request_id=request_id, from_state=frm,
                       to_state=seq_to, by_user_id=None, by_name="Leerkracht", now=made,
                       note=None)
        tx.execute("prof/request_move", request_id=request_id, version=1, from_state="draft",
                   to_state="evaluated", pot_id=None, now=made)
        tx.execute("prof/participant_upsert", initiative_id=initiatives["reading"],
                   staff_id=staff_id, request_id=request_id, attended=True)
    del rng


def _school_pot(tx: Transaction, year: str) -> int | None:
    pots = tx.read("prof/pot_money", school_year=year)
    school = pots[pots["target_kind"] == "school"]
    return int(school["pot_id"].iloc[0]) if len(school) else None


def _induction(tx: Transaction, year: str, people: pd.DataFrame, start: dt.date,
               today: dt.date) -> None:
    starters = people[pd.to_datetime(people["started_on"]).dt.date >= start]
    mentors = [int(s) for s, roles in zip(people["staff_id"], people["roles"], strict=True)
               if "mentor" in roles]
    if starters.empty:
        starters = people.tail(1)
    activities = [
        ("welcome", "Rondleiding en kennismaking met het team", 0),
        ("welcome", "Startersmap en digitale platformen", 2),
        ("personal", "Eerste gesprek met de mentor", 7),
        ("personal", "Opvolggesprek: hoe gaat het?", 49),
        ("classroom", "Klasbezoek door de mentor met nagesprek", 35),
        ("classroom", "Hospiteren bij een ervaren collega", 63),
        ("classroom", "Tweede klasbezoek", 120),
    ]
    for n, staff_id in enumerate(starters["staff_id"]):
        staff_id = int(staff_id)
        mentor = next((m for m in mentors if m != staff_id), None)
        tx.execute("prof/induction_upsert", school_year=year, starter_staff_id=staff_id,
                   mentor_staff_id=mentor,
                   agreement="Tweewekelijks overleg met de mentor, twee klasbezoeken per "
                             "trimester, startersbijeenkomst van de scholengemeenschap.",
                   agreed_on=start + dt.timedelta(days=3 + n))
        induction_id = tx.scalar("prof/induction_id", school_year=year,
                                 starter_staff_id=staff_id)
        for strand, title, offset in activities:
            planned = start + dt.timedelta(days=offset)
            tx.execute("prof/activity_insert", induction_id=induction_id, strand=strand,
                       title=title, planned_on=planned,
                       done_on=planned if planned <= today else None)


def _evaluations(tx: Transaction, initiatives: dict[str, int], today: dt.date) -> None:
    rows = []
    s = today.year if today.month >= 9 else today.year - 1
    study = dt.date(s, 10, 14)
    if study <= today:
        rows += [(initiatives["study"], 1, None, study, 4.1, None, None, None),
                 (initiatives["study"], 2, None, study + dt.timedelta(days=1), 3.6, None, None,
                  None)]
        rows += [(initiatives["study"], lv, when, None, None, None, None, None)
                 for lv, when in rules.follow_ups(study)]
    math = dt.date(s, 11, 5)
    if math <= today:
        rows += [(initiatives["math"], 1, None, math, 4.4, None, None, None),
                 (initiatives["math"], 2, None, math, 3.9, None, None, None)]
        rows += [(initiatives["math"], lv, when, None, None, None, None, None)
                 for lv, when in rules.follow_ups(math)]
    ict = dt.date(s, 11, 18)
    if ict <= today:
        rows.append((initiatives["ict"], 1, None, ict, 4.7, None, None, None))
    reading = initiatives["reading"]
    before = dt.date(s - 1, 12, 22)
    rows += [(reading, 1, None, before, 4.2, None, None, None),
             (reading, 2, None, before, 3.8, None, None, None),
             (reading, 3, None, before + dt.timedelta(days=60), 3.5, None, None, None),
             (reading, 4, None, before + dt.timedelta(days=120), 3.4, None, None, None)]
    found = tx.records("prof/level5_results", class_ids=_reading_classes(tx, reading),
                       subject_id="NED", starts_on=before, ends_on=before)
    if found and found[0]["before_value"] is not None and found[0]["after_value"] is not None:
        rows.append((reading, 5, None, before + dt.timedelta(days=180), None,
                     found[0]["before_value"], found[0]["after_value"], found[0]["learners"]))
    for iid, level, planned, done, score, b, a, n in rows:
        tx.execute("prof/evaluation_insert", initiative_id=iid, level=level, planned_on=planned,
                   done_on=done, score=None if score is None else Decimal(str(score)),
                   before_value=b, after_value=a, learners=n, note=None,
                   recorded_by=DIRECTOR)


def _reading_classes(tx: Transaction, initiative_id: int) -> list[int]:
    year = tx.scalar("prof/initiative_year", initiative_id=initiative_id)
    requests = tx.read("prof/requests", scope=Scope(staff_data=True), school_year=year)
    mine = requests[requests["initiative_id"] == initiative_id]
    return sorted({int(c) for ids in mine["class_ids"] for c in ids}) or [0]
