"""The demo school's flex hours: two slots a week, an offer per cycle and grade, the learners'
wishes, a published plan made as by hand, and a history of attendance and feedback.

Called from :meth:`app.demo.Builder.build` after the class councils decided the needs
(:mod:`app.council.demo`); attended remediation is what lifts the next results there.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict

import numpy as np
import pandas as pd

from app.demo import CORE_SUBJECTS, DEEPENING_SUBJECTS, LEADERLESS_SESSION, Builder, Part

BROADENING_TITLES = [
    "Studieplanning", "Programmeren", "Debat", "Kunstatelier", "Sport en gezondheid",
    "Lezen voor plezier", "Wetenschapsclub", "Muziekatelier", "Burgerschap", "EHBO",
    "Schooltuin", "Filmclub",
]
LEADER_KINDS_OTHER = ["teaching_assistant", "coach", "student_teacher", "guest"]
OTHER_LEADERS = ["Ilse Wouters", "Karim Aziz", "Jonas Lemmens", "Saar Peeters"]
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
    "ENG": "woordenschat", "NAT": "proefjes beschrijven",
}
SLOTS = [(2, 7), (4, 7)]  # Tuesday and Thursday, 7th lesson hour

# Weeks of remediation attended per period, per (learner, subject): what lifts the next results.
RemediationWeeks = dict[tuple[str, int], dict[tuple[int, str], int]]


def build(demo: Builder) -> RemediationWeeks:
    """Every cycle's offer and choices; for the cycles that started, the published plan with
    its attendance and feedback. Adds the frames to the demo school."""
    return _History(demo).build()


def _without_leader(sessions: pd.DataFrame, slot_id: int) -> None:
    """The running cycle's offer was published before anyone agreed to lead one session."""
    vacant = (sessions["code"] == LEADERLESS_SESSION) & (sessions["slot_id"] == slot_id)
    sessions.loc[vacant, "leader_staff_id"] = pd.NA
    sessions.loc[vacant, ["leader_kind", "leader_name"]] = ["teacher", None]


class _History(Part):
    def __init__(self, demo: Builder) -> None:
        super().__init__(demo)
        self.needs = demo.needs
        self.remediation_weeks: RemediationWeeks = defaultdict(lambda: defaultdict(int))

    def build(self) -> RemediationWeeks:
        demo, rng = self.demo, self.rng
        slot_ids = self.tx.next_ids("flex_slot_id_seq", len(SLOTS))
        self.school.add("flex_slot", pd.DataFrame(
            [{"slot_id": sid, "weekday": wd, "lesson_hour": h}
             for sid, (wd, h) in zip(slot_ids, SLOTS, strict=True)]
        ))
        self.slot_weekday = {sid: wd for sid, (wd, _) in zip(slot_ids, SLOTS, strict=True)}
        teachers_by_subject: dict[str, list[int]] = defaultdict(list)
        for staff_id, subject in demo.staff_subject.items():
            teachers_by_subject[subject].append(int(staff_id))
        all_teachers = [int(s) for s in demo.staff_subject]
        started = [c["cycle_id"] for c in demo.cycles if c["first_monday"] <= self.today]

        for cycle in demo.cycles:
            year = cycle["school_year_id"]
            enrolled = demo.enrolment[year]
            sessions = self._offer(cycle, slot_ids, enrolled, teachers_by_subject, all_teachers)
            if started and cycle["cycle_id"] == started[-1]:
                _without_leader(sessions, slot_ids[0])
            self.school.add("flex_session", sessions)
            choices = pd.DataFrame(columns=["learner_id", "rank", "kind", "subject_id", "title"])
            if cycle["school_year_id"] == demo.years[-1]:
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
        return self.remediation_weeks

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

    def _leader_names(self, sessions: pd.DataFrame) -> dict[int, str]:
        """Who takes each session's register and writes its notes, by name as the app shows
        it: its leader, or a stand-in where nobody leads it yet."""
        staff = self.demo.staff
        names = dict(zip(staff["staff_id"], staff["first_name"] + " " + staff["last_name"],
                         strict=True))
        return {int(s): (name if isinstance(name, str) and name
                         else names.get(staff_id) if not pd.isna(staff_id)
                         else None) or "Flexleerkracht"
                for s, staff_id, name in zip(sessions["session_id"], sessions["leader_staff_id"],
                                             sessions["leader_name"], strict=True)}

    def _attendance_and_feedback(self, cycle: dict, assignments: pd.DataFrame,
                                 sessions: pd.DataFrame, rng: np.random.Generator) -> None:
        kind_of = dict(zip(sessions["session_id"], sessions["kind"], strict=True))
        subject_of = dict(zip(sessions["session_id"], sessions["subject_id"], strict=True))
        title_of = dict(zip(sessions["session_id"], sessions["title"], strict=True))
        leader_of = self._leader_names(sessions)
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
                # Taken by whoever leads the session, at the end of its day.
                attendance.append(pd.DataFrame({
                    "week_id": week.week_id, "session_id": group["session_id"].to_numpy(),
                    "learner_id": group["learner_id"].to_numpy(), "status": status,
                    "recorded_by": group["session_id"].map(leader_of).to_numpy(),
                    "recorded_at": dt.datetime.combine(day, dt.time(15, 30)),
                }))
                period = self.demo.period_of(day)
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
                    "author": leader_of[row.session_id],
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
