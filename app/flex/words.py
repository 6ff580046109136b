"""Flex in words: why a learner is in a group, what the composition and the checks found, and
the message each learner and parent gets after publishing.

Everything here is plain Python over rows the queries return and a Translator; the pages and the
exports only call it. Messages to learners and parents explain the three kinds of flex hour side
by side, without ranking them, and never mention scores or other learners.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from app import display
from app.blank import is_blank
from app.i18n import Translator

NAMES_SHOWN = 8
CHANGE_CODES = ("switch", "new", "leaves")
CHECK_CODES = ("over_capacity", "leader_twice", "hard_unmet", "unplaced", "twice", "not_open")
MESSAGE_CODES = ("hard_over_capacity", "hard_not_offered", "hard_not_open", "hard_clash",
                 "no_place", "leader_one_place", "fairness_remediation_streak",
                 "fairness_choice", "not_proven")
WHY_NOT = ("not_offered", "full", "decision", "needs")




def _words(value, dash: str = "–") -> str:
    return display.text_of(value, dash)


def week(t: Translator, week_id: str) -> str:
    """A school week as people say it: 'week 49' (the stored '2026-W49' is an ISO code; the
    year goes without saying beside its date)."""
    number = str(week_id).rpartition("W")[2]
    return t("flex.week", number=int(number)) if number.isdigit() else str(week_id)


def slot(t: Translator, weekday: int, hour: int) -> str:
    return t("flex.slot", day=t.weekday(int(weekday)), hour=int(hour))


def slots(t: Translator, pairs: Sequence[Sequence[int]]) -> str:
    return t.join([slot(t, d, h) for d, h in pairs])


def what(t: Translator, kind: str, topic: str | None) -> str:
    """'Wiskunde remediëring', 'Debat', 'verbreding'; just the kind when there is no topic."""
    if is_blank(topic):
        return t.kind(kind)
    if kind == "broadening":
        return str(topic)
    return t("flex.what", topic=topic, kind=t.kind(kind))


def names(t: Translator, learner_ids: Sequence[int], known: Mapping[int, str],
          total: int | None = None) -> str:
    """A few names, then how many more: 'Peeters, An; Claes, Jo en 3 anderen'."""
    shown = [known[i] for i in learner_ids if i in known][:NAMES_SHOWN]
    more = (total if total is not None else len(learner_ids)) - len(shown)
    if not shown:
        return t.plural("count.learners", more)
    text = "; ".join(shown)
    return t("flex.names_more", names=text, others=t.plural("count.others", more)) \
        if more > 0 else text


# -- what the composition reported -------------------------------------------------------------

def report_message(code: str, params: Mapping, t: Translator, known: Mapping[int, str]) -> str:
    """One message of a composition report, in words: a code from compose.py and its params."""
    key = code.removeprefix("compose.")
    values = dict(params)
    if "kind" in values:
        values["what"] = what(t, values.pop("kind"), values.pop("topic", None))
    if "slots" in values:
        values["slots"] = slots(t, values["slots"])
    if "learners" in values:
        values["names"] = names(t, values.pop("learners"), known,
                                values.get("count") or values.get("required"))
    for number in ("count", "required", "places", "cycles"):
        if number in values:
            values[number] = t.count(int(values[number]))
    return t(f"compose.{key}", **values)


def check_text(check, t: Translator, known: Mapping[int, str]) -> str:
    return t(f"flex.check.{check.code}", count=t.count(check.count),
             names=names(t, list(check.learners), known, check.count), **check.params)


# -- why a learner is here ------------------------------------------------------------------------

def detail_of(row: Mapping) -> dict:
    raw = row.get("reason_detail")
    if isinstance(raw, str) and raw:
        try:
            return json.loads(raw)
        except ValueError:
            return {}
    return dict(raw) if isinstance(raw, Mapping) else {}


def reason_text(row: Mapping, t: Translator) -> str:
    """Why a learner is in a session, for the flex team and the class council: which need or
    choice, its source, who decided, until when; and why a first choice was not given."""
    code = row["reason_code"]
    detail = detail_of(row)
    if code == "moved":
        if is_blank(row.get("moved_at")):
            text = t("reason.moved_unknown")
        else:
            text = t("reason.moved", who=_words(row.get("moved_by")),
                     when=display.moment(row["moved_at"], t))
    elif code == "choice" and detail.get("rank"):
        text = t("reason.choice_rank", rank=int(detail["rank"]))
    elif code in ("hard_decision", "need"):
        text = t(f"reason.{code}")
        source = row.get("need_source")
        source = detail.get("source") if is_blank(source) else source
        if source == "result_rule" and "share" in detail:
            # The name of the subject, never its code (the query looks it up).
            subject = row.get("rule_subject_name")
            text = t("reason.result_rule", share=t.percent(detail["share"]),
                     subject=_words(subject if not is_blank(subject) else row.get("topic")),
                     period=_words(detail.get("period")),
                     threshold=t.percent(detail.get("threshold")))
        elif source and code == "need":
            text += " – " + t(f"need_source.{source}")
        # Said once: a reason typed as 'Vakleerkracht: ...' after 'Nood – vakleerkracht', or
        # 'beslist door Vakleerkracht' after it, repeats what the line already says.
        said = t(f"need_source.{source}").casefold() if source else None
        decided = row.get("decided_by")
        decided = None if is_blank(decided) else str(decided).strip()
        if said and decided and decided.casefold().startswith(said) and \
                text.casefold().endswith(said):
            # 'klassenraad 3A' decided: 'Nood – klassenraad 3A', not '... (beslist door ...)'.
            text += decided[len(said):].rstrip()
            decided = None
        reason = row.get("need_reason")
        if not is_blank(reason):
            reason = str(reason).strip()
            if said and reason.casefold().startswith(said + ":"):
                reason = reason[len(said) + 1:].strip()
            text += f": {reason}"
        extra = []
        if decided and source != "self_reflection" and decided.casefold() != said:
            extra.append(t("reason.decided_by", who=decided))
        if not is_blank(row.get("valid_until")):
            extra.append(t("reason.until", date=display.day(row["valid_until"], t)))
        if extra:
            text += f" ({', '.join(extra)})"
    elif code == "fill":
        # A learner whose choice was full did ask for something: 'no need or choice' is untrue.
        wanted = detail.get("why_not") in WHY_NOT
        text = t(f"reason.{'fill_instead' if wanted else 'fill'}.{_kind_of(row)}")
    else:
        text = t(f"reason.{code}") if t.has(f"reason.{code}") else code
    if detail.get("by_hand"):
        # Moved by hand: the reason stays what the learner is there for, and who moved them.
        text += " · " + (t("reason.by_hand", who=_words(row.get("moved_by")),
                           when=display.moment(row["moved_at"], t))
                         if not is_blank(row.get("moved_at")) else t("reason.by_hand_unknown"))
    elif row.get("is_locked") and code != "moved":
        text += " · " + t("reason.locked")
    if detail.get("why_not") in WHY_NOT:
        kind, topic = detail.get("first_choice") or ["broadening", None]
        why_not = detail["why_not"]
        if code == "hard_decision" and why_not in ("decision", "needs"):
            why_not = "this_decision"          # the line already says the council decided
        if not text.rstrip().endswith((".", "!", "?")):
            text = text.rstrip() + "."         # two sentences, not one run together
        text += " " + t(f"reason.first_choice.{why_not}", choice=what(t, kind, topic))
    return text


# -- messages to learners and parents --------------------------------------------------------------

AUDIENCES = ("learner", "parent")


@dataclass(frozen=True)
class Message:
    learner_id: int
    audience: str                     # 'learner' or 'parent'
    lang: str
    subject: str
    body: str
    changed: bool                     # the learner switches group: the change is announced


def _kind_of(row: Mapping) -> str:
    """The kind of the session a placement is in (a free place is worded by it)."""
    kind = row.get("kind")
    return kind if kind in ("remediation", "deepening", "broadening") else "broadening"


def _why_for_learner(row: Mapping, t: Translator, audience: str) -> str:
    code = row["reason_code"]
    detail = detail_of(row)
    source = row.get("need_source")
    source = detail.get("source") if is_blank(source) else source
    if code == "hard_decision":
        key = "hard_decision"
    elif code == "need" and source in ("subject_teacher", "self_reflection", "result_rule",
                                       "class_council"):
        key = f"need_{source}"
    elif code in ("choice", "stability"):
        key = code
    elif code == "fill":
        key = "fill_instead" if detail.get("why_not") in WHY_NOT else f"fill_{_kind_of(row)}"
    else:
        key = "team"
    # A subject by its name, never its code: the session's topic, else the result rule's.
    subject = row.get("topic")
    if is_blank(subject):
        subject = row.get("rule_subject_name")
    text = t(f"flex.message.{audience}.why.{key}", rank=int(detail.get("rank") or 1),
             subject=_words(subject, ""), first_name=row["first_name"])
    if detail.get("why_not") in WHY_NOT:
        kind, topic = detail.get("first_choice") or ["broadening", None]
        text += " " + t(f"flex.message.{audience}.first_choice.{detail['why_not']}",
                        choice=what(t, kind, topic))
    return text


def message(rows: pd.DataFrame, changes: pd.DataFrame, t: Translator, audience: str,
            start: dt.date, end: dt.date) -> Message:
    """The message for one learner (rows: their placements in a published plan; changes: their
    rows of the diff) to the learner or a parent: where, when, what they will work on, why,
    the three kinds side by side, and the change of group when there is one."""
    if audience not in AUDIENCES:
        raise ValueError(audience)
    first = rows.iloc[0]
    who = {"first_name": first["first_name"]}
    key = f"flex.message.{audience}"
    lines = [t(f"{key}.greeting", **who), "",
             t(f"{key}.intro", start=t.date(start), end=t.date(end), **who), ""]
    for row in rows.sort_values(["weekday", "lesson_hour"]).to_dict("records"):
        when = slot(t, row["weekday"], row["lesson_hour"])
        topic = what(t, row["kind"], row["topic"])
        # A session can be published before anyone leads it: 'bij –' would puzzle a parent.
        where = (t(f"{key}.where_no_leader", slot=when, what=topic)
                 if is_blank(row["leader"])
                 else t("flex.message.where", slot=when, what=topic, leader=_words(row["leader"])))
        if not is_blank(row.get("room")):
            where += " " + t("flex.message.room", room=row["room"])
        lines.append(f"• {where}")
        lines.append("  " + t(f"{key}.feed_up.{row['kind']}",
                              topic=_words(row["topic"], t.kind(row["kind"])), **who))
        lines.append("  " + _why_for_learner(row, t, audience))
    switched = changes[changes["change"] == "switch"] if len(changes) else changes
    if len(switched):
        lines.append("")
        for change in switched.to_dict("records"):
            # In words, never the session's code: 'Frans remediëring', not '1FRA-R1'.
            lines.append(t(f"{key}.change", slot=slot(t, change["weekday"],
                                                        change["lesson_hour"]),
                           before=_group(change, "before", t), after=_group(change, "after", t),
                           **who))
    lines += ["", t(f"{key}.kinds"), "", t(f"{key}.announce", end=t.date(end), **who),
              t(f"{key}.closing")]
    subject = t(f"{key}.subject", start=t.date(start), **who)
    return Message(int(first["learner_id"]), audience, t.lang, subject, "\n".join(lines),
                   bool(len(switched)))


def _group(change: Mapping, side: str, t: Translator) -> str:
    kind = change.get(f"{side}_kind")
    return "–" if is_blank(kind) else what(t, kind, change.get(f"{side}_topic"))


# -- exports --------------------------------------------------------------------------------------

def _slot_column(frame: pd.DataFrame, t: Translator) -> list[str]:
    return [slot(t, d, h) for d, h in zip(frame["weekday"], frame["lesson_hour"], strict=True)]


def finish_assignments(frame: pd.DataFrame, t: Translator, options: Mapping) -> pd.DataFrame:
    """An assignments export: the week asked for, the slot and the reason in words; one
    session's list when a session is named."""
    if options.get("session_ids"):
        frame = frame[frame["session_id"].isin(options["session_ids"])]
    return frame.assign(week=options.get("week"), slot=_slot_column(frame, t),
                        reason=[reason_text(r, t) for r in frame.to_dict("records")])


def finish_sessions(frame: pd.DataFrame, t: Translator, options: Mapping) -> pd.DataFrame:
    leaders = [leader if kind == "teacher" or is_blank(leader) else
               f"{leader} ({t(f'leader_kind.{kind}')})"
               for leader, kind in zip(frame["leader"], frame["leader_kind"], strict=True)]
    return frame.assign(week=options.get("week"), slot=_slot_column(frame, t), leader=leaders)
