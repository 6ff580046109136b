"""The demo school's surveys: the learners' well-being each trimester, their self-reflection
after each period (in line with the wishes they stated), and the staff's well-being each year.

Called from :meth:`app.demo.Builder.build` last: self-reflection reads the period's results and
the needs the learners stated (:mod:`app.council.demo`).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from app.demo import CORE_SUBJECTS, SUBJECT_NAME_NL, Builder, Part
from app.school import school_calendar

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


def build(demo: Builder) -> None:
    """Every survey whose moment has come by the reference date; added to the demo school."""
    _Surveys(demo).build()


class _Surveys(Part):
    def build(self) -> None:
        demo, rng = self.demo, self.rng
        for year in demo.years:
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

    def _respondents(self, survey_id: int, at, **who: np.ndarray) -> np.ndarray:
        """Who answered (learner_id or staff_id), numbered from 1, all complete."""
        respondent = np.arange(1, len(next(iter(who.values()))) + 1)
        self.school.add("survey_respondent", pd.DataFrame({
            "survey_id": survey_id, "respondent_id": respondent, **who,
            "is_complete": True, "answered_at": at,
        }))
        return respondent

    def _learner_wellbeing(self, year: str, seq: int, moment: dt.date,
                           rng: np.random.Generator) -> None:
        enrolled = self.demo.enrolment[year]["index"].to_numpy()
        answering = enrolled[rng.random(len(enrolled)) < 0.85]
        survey_id = self._new_survey(
            f"Welbevinden leerlingen {year} – trimester {seq}", "wellbeing", "learners", moment
        )
        self._questions(survey_id, [(q, "scale", "agreement5", 5.0) for q, _ in
                                    WELLBEING_QUESTIONS])
        count = len(answering)
        at = pd.to_datetime(moment) + pd.to_timedelta(rng.integers(8 * 60, 16 * 60, count), "min")
        at = at + pd.to_timedelta(rng.integers(0, 5, count), "D")
        respondent = self._respondents(
            survey_id, at, learner_id=self.demo.learners["learner_id"].to_numpy()[answering])
        answers = []
        for q, (question, regulation) in enumerate(WELLBEING_QUESTIONS, start=1):
            latent = self.demo.wellbeing[answering]
            if regulation:  # self-regulation goes a little with achievement
                latent = latent + 0.5 * self.demo.ability[answering]
            value = np.clip(np.round(3.6 + 0.8 * latent + rng.normal(0, 0.7, count)), 1, 5)
            answers.append(_agreement(survey_id, respondent, q, question, value, at))
        self.school.add("survey_answer", pd.concat(answers, ignore_index=True))

    def _self_reflection(self, year: str, seq: int, rng: np.random.Generator) -> None:
        """The learners' own view after a period: how each core subject goes, and a wish for flex.

        Learners who stated a need by self-reflection answered in line with it."""
        period = self.demo.periods[(year, seq)]
        percent = self.demo.percent.get((year, seq))
        if percent is None:
            return
        decided = min(period["ends_on"], self.today - dt.timedelta(days=14))
        needs = self.demo.needs
        wishes = needs[(needs["source"] == "self_reflection") & (needs["valid_from"] == decided)]
        wish_of = {int(r.learner_id): (r.kind, r.subject_id) for r in wishes.itertuples()}
        enrolled = self.demo.enrolment[year]["index"].to_numpy()
        ids = self.demo.learners["learner_id"].to_numpy()
        answering = [i for i in enrolled if int(ids[i]) in wish_of or rng.random() < 0.5]
        if not answering:
            return
        moment = min(period["ends_on"], self.today - dt.timedelta(days=16))
        survey_id = self._new_survey(
            f"Zelfreflectie flex {year} – trimester {seq}", "self_reflection", "learners", moment
        )
        self._questions(survey_id, [(f"Hoe lukt {SUBJECT_NAME_NL[s]}?", "scale", "success4", 4.0)
                                    for s in CORE_SUBJECTS]
                        + [("Waaraan wil ik werken in de flexuren?", "choice", None, None)])
        at = pd.Timestamp(moment) + pd.Timedelta(hours=10)
        self._respondents(survey_id, at, learner_id=ids[answering])
        names = SUBJECT_NAME_NL
        rows = []
        for respondent, index in enumerate(answering, start=1):
            for q, subject in enumerate(CORE_SUBJECTS, start=1):
                felt = percent[index, self.demo.subject_index[subject]] + rng.normal(0, 8)
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
        answering = self.demo.staff[rng.random(len(self.demo.staff)) < 0.75]
        count = len(answering)
        survey_id = self._new_survey(f"Welbevinden personeel {year}", "wellbeing", "staff", moment)
        self._questions(survey_id, [(q, "scale", "agreement5", 5.0)
                                    for q in STAFF_WELLBEING_QUESTIONS])
        at = pd.to_datetime(moment) + pd.to_timedelta(rng.integers(0, 7 * 24 * 60, count), "min")
        respondent = self._respondents(survey_id, at,
                                       staff_id=answering["staff_id"].to_numpy())
        answers = []
        for q, question in enumerate(STAFF_WELLBEING_QUESTIONS, start=1):
            value = np.clip(np.round(rng.normal(3.5 if q != 2 else 2.7, 0.9, count)), 1, 5)
            answers.append(_agreement(survey_id, respondent, q, question, value, at))
        self.school.add("survey_answer", pd.concat(answers, ignore_index=True))



def _agreement(survey_id: int, respondent: np.ndarray, question_no: int, question: str,
               value: np.ndarray, at) -> pd.DataFrame:
    """One question's answers on the five-point agreement scale."""
    return pd.DataFrame({
        "survey_id": survey_id, "respondent_id": respondent, "question_no": question_no,
        "question": question, "item": None,
        "answer_text": [AGREEMENT_SCALE[int(v) - 1] for v in value],
        "answer_value": value, "answered_at": at,
    })
