"""The year's professionalisation report for the local committee and the inspection: the plan
(priorities, initiatives, induction), the budget execution and the evaluation evidence, as a
printable HTML document and as an XLSX workbook (one sheet per part).

No PDF: no well-kept pure-Python library is installed that renders this faithfully; the HTML
has print styles, so "Print to PDF" in any browser gives the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from app import permissions, printing, settings
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.export import xlsx_workbook
from app.i18n import Translator
from app.prof import budget, plan, rules
from app.scope import Scope


@dataclass(frozen=True)
class Part:
    key: str                       # catalogue key of the title: prof.report.<key>
    frame: pd.DataFrame            # columns already in words


def parts(db: Database, t: Translator, school_year: str) -> list[Part]:
    scope = Scope(staff_data=True)
    competences = db.read("prof/competences")
    code_of = dict(zip(competences["competence_id"], competences["code"], strict=True))
    prios = plan.priorities(db, school_year)
    prio_frame = pd.DataFrame({
        t("prof.col.horizon"): [t(f"prof.horizon.{h}") for h in prios["horizon"]],
        t("prof.col.until_year"): prios["until_year"],
        t("prof.col.title"): prios["title"],
        t("prof.col.goal"): prios["goal"],
        t("prof.col.form"): [t(f"prof.form.{f}") for f in prios["form"]],
        t("prof.col.collective"): [t(f"prof.collective.{c}") for c in prios["collective"]],
        t("prof.col.competences"): [", ".join(code_of.get(c, "?") for c in ids)
                                    for ids in prios["competence_ids"]],
    })
    inits = plan.depth_table(plan.initiatives(db, school_year))
    init_frame = pd.DataFrame({
        t("prof.col.title"): inits["title"],
        t("prof.col.form"): [t(f"prof.form.{f}") for f in inits["form"]],
        t("prof.col.partner"): inits["partner"],
        t("prof.col.competence"): inits["competence"],
        t("prof.col.starts_on"): [t.date(_day(d)) for d in inits["starts_on"]],
        t("prof.col.participants"): inits["participants"],
        t("prof.col.estimated_cost"): [float(v) for v in inits["estimated_cost"]],
        t("prof.col.spent"): [float(v) for v in inits["spent"]],
    })
    induct = plan.inductions(db, scope, school_year)
    ind_frame = pd.DataFrame({
        t("prof.col.starter"): induct["starter"], t("prof.col.mentor"): induct["mentor"],
        t("prof.col.agreement"): induct["agreement"],
        t("prof.strand.welcome"): induct["welcome"], t("prof.strand.personal"): induct["personal"],
        t("prof.strand.classroom"): induct["classroom"],
        t("prof.col.done"): induct["done"],
    })
    srcs = budget.sources(db, school_year)
    src_frame = pd.DataFrame({
        t("prof.col.kind"): [t(f"prof.source.{k}") for k in srcs["kind"]],
        t("prof.col.label"): srcs["label"],
        t("prof.col.amount"): [float(v) for v in srcs["amount"]],
    })
    pots = budget.pot_money(db, school_year)
    pot_frame = pd.DataFrame({
        t("prof.col.pot"): [budget.pot_label(r, t) for _, r in pots.iterrows()],
        t("prof.money.allocated"): [float(v) for v in pots["allocated"]],
        t("prof.money.committed"): [float(v) for v in pots["committed"]],
        t("prof.money.spent"): [float(v) for v in pots["spent"]],
        t("prof.money.left"): [float(v) for v in pots["left_over"]],
    })
    evals = db.read("prof/evaluations", school_year=school_year)
    eval_frame = pd.DataFrame({
        t("prof.col.initiative"): evals["title"],
        t("prof.col.level"): [t(f"prof.guskey.{int(v)}") for v in evals["level"]],
        t("prof.col.planned_on"): [t.date(_day(d)) for d in evals["planned_on"]],
        t("prof.col.done_on"): [t.date(_day(d)) for d in evals["done_on"]],
        t("prof.col.score"): [None if pd.isna(v) else float(v) for v in evals["score"]],
        t("prof.col.before"): [None if pd.isna(v) else float(v) for v in evals["before_value"]],
        t("prof.col.after"): [None if pd.isna(v) else float(v) for v in evals["after_value"]],
    })
    depth_frame = pd.DataFrame({
        t("prof.col.initiative"): inits["title"],
        t("prof.col.depth"): inits["depth"],
        t("prof.col.cost"): inits["cost"] if len(inits) else [],
        t("prof.col.euros_per_level"): inits["euros_per_level"] if len(inits) else [],
    })
    return [Part("priorities", prio_frame), Part("initiatives", init_frame),
            Part("induction", ind_frame), Part("sources", src_frame), Part("pots", pot_frame),
            Part("depth", depth_frame), Part("evaluations", eval_frame)]


def _day(value) -> dt.date | None:
    if is_blank(value):
        return None
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def _is_number_column(values: list) -> bool:
    """Right-aligned when every value it holds is a number (blanks aside)."""
    held = [v for v in values if not is_blank(v)]
    return bool(held) and all(isinstance(v, int | float) and not isinstance(v, bool)
                              for v in held)


def _shown(value, t: Translator):
    """A value as the report prints it: a decimal the local way, a blank empty."""
    if is_blank(value):
        return None
    return t.number(value, 2) if isinstance(value, float) else value


def to_html(db: Database, t: Translator, school_year: str, today: dt.date) -> bytes:
    """The report of a school year, printable (template print/prof_report.html.j2)."""
    school = settings.load(db).get("school.name") or ""
    glance = budget.glance(db, school_year)
    shown = []
    for part in parts(db, t, school_year):
        rows = list(part.frame.itertuples(index=False))
        numeric = {i for i in range(len(part.frame.columns))
                   if _is_number_column([r[i] for r in rows])}
        shown.append({"heading": t(f"prof.report.{part.key}"),
                      "headers": [str(c) for c in part.frame.columns], "numeric": numeric,
                      "rows": [[_shown(v, t) for v in r] for r in rows]})
    return printing.render(
        "prof_report", t, title=t("prof.report.title", year=school_year),
        made=f"{school} · {t('prof.report.made_on', date=t.date(today))}",
        summary=t("prof.report.summary", budget=t.money(float(glance.budget)),
                  allocated=t.money(float(glance.allocated)),
                  committed=t.money(float(glance.committed)), spent=t.money(float(glance.spent)),
                  left=t.money(float(glance.left))),
        none=t("prof.report.none"), parts=shown).encode("utf-8")


def to_xlsx(db: Database, t: Translator, school_year: str) -> bytes:
    """One sheet per part; text stays text (never a formula), numbers numbers."""
    return xlsx_workbook([(t(f"prof.report.{part.key}"), part.frame)
                          for part in parts(db, t, school_year)])


def export(db: Database, viewer: Viewer, t: Translator, school_year: str, fmt: str,
           today: dt.date) -> bytes:
    """The report as a file, with an audit entry saying who exported it (never its content)."""
    permissions.require(db, viewer, "prof.report.export")
    data = to_html(db, t, school_year, today) if fmt == "html" else to_xlsx(db, t, school_year)
    db.record(viewer.audit("export", "prof_report", detail=f"format={fmt} year={school_year}"))
    return data


__all__ = ["export", "parts", "rules"]
