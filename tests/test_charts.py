"""Chart builders return valid Vega-Lite with their data already aggregated."""

from __future__ import annotations

import pandas as pd

from app import charts
from app.flex import charts as flex_charts
from app.flex import offer
from app.i18n import Translator
from app.surveys import charts as survey_charts


def _sessions() -> pd.DataFrame:
    return pd.DataFrame({
        "weekday": [2, 2, 2, 4], "lesson_hour": [7, 7, 7, 7], "code": ["a", "b", "c", "d"],
        "kind": ["remediation", "deepening", "broadening", "broadening"],
        "learners": [10, 20, 25, 30], "capacity": [16, 24, 28, 28],
    })


def test_fill_by_slot_aggregates_per_slot_and_kind():
    spec = flex_charts.fill_by_slot(_sessions(), Translator("nl")).to_dict()
    datasets = list(spec["datasets"].values())
    assert max(len(rows) for rows in datasets) == 4  # 3 kinds on Tuesday + 1 on Thursday
    slots = {row["slot"] for rows in datasets for row in rows}
    assert slots == {"dinsdag 7e uur", "donderdag 7e uur"}


def test_kinds_have_neutral_colours_not_traffic_lights():
    assert set(flex_charts.KIND_COLOURS) == set(offer.KINDS)
    traffic = {"red", "green", "orange", "#ff0000", "#00ff00"}
    assert not traffic & {c.lower() for c in flex_charts.KIND_COLOURS.values()}


def test_question_means_keeps_question_order():
    means = pd.DataFrame({"question_no": [2, 1], "question": ["b", "a"], "mean": [3.0, 4.0],
                          "answers": [5, 5]})
    spec = survey_charts.question_means(means, Translator("en")).to_dict()
    assert spec["encoding"]["y"]["sort"] == ["2. b", "1. a"]
    assert spec["encoding"]["x"]["scale"]["domain"] == [1, 5]


def test_scale_follows_the_answers_and_bars_start_at_one():
    means = pd.DataFrame({"question_no": [1], "question": ["a"], "mean": [2.4], "answers": [9],
                          "highest": [4.0]})
    spec = survey_charts.question_means(means, Translator("nl")).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == [1, 4]
    assert spec["encoding"]["x2"] == {"datum": 1}


def test_dutch_charts_write_a_decimal_comma():
    chart = charts.localized(survey_charts.question_means(
        pd.DataFrame({"question_no": [1], "question": ["a"], "mean": [2.4], "answers": [9]}),
        Translator("nl")), Translator("nl"))
    number = chart.to_dict()["config"]["locale"]["number"]
    assert number["decimal"] == "," and number["thousands"] == "."


def test_a_likert_legend_writes_its_points_the_local_way():
    scales = pd.DataFrame({
        "question_no": [1, 1, 1], "question": ["Uren"] * 3, "item": [None] * 3,
        "answer_value": [0.5, 2.5, 12.5], "answers": [3, 2, 1], "label": ["0.5", "2.5", "12.5"]})
    chart = survey_charts.likert(scales, 0.5, 12.5, Translator("nl")).to_dict()
    points = set(chart["encoding"]["color"]["scale"]["domain"])
    assert points == {"0,5", "2,5", "12,5"}
    english = survey_charts.likert(scales.assign(label=["0,5", "2,5", "12,5"]), 0.5, 12.5,
                            Translator("en")).to_dict()
    assert set(english["encoding"]["color"]["scale"]["domain"]) == {"0.5", "2.5", "12.5"}
    labels = {row["label"] for rows in english["datasets"].values() for row in rows}
    assert labels == {"0.5", "2.5", "12.5"}
    worded = scales.assign(answer_value=[1.0, 2.0, 3.0], label=["oneens", "neutraal", "eens"])
    chart = survey_charts.likert(worded, 1, 3, Translator("en")).to_dict()
    assert set(chart["encoding"]["color"]["scale"]["domain"]) == {
        "1 · oneens", "2 · neutraal", "3 · eens"}


def test_a_learners_ten_subjects_all_have_a_legend_entry_below_the_chart():
    """Ten subjects in a legend on the right of a 260 px chart: two were cut. Below it, in
    columns, with no limit on the entries."""
    from app.council import charts as council_charts

    subjects = [f"Vak {n}" for n in range(10)]
    results = pd.DataFrame([{"subject": s, "period": p, "seq": seq, "share": 0.6}
                            for s in subjects for seq, p in enumerate(["T1", "T2"])])
    spec = council_charts.results_over_time(results, Translator("nl")).to_dict()
    legend = next(layer["encoding"]["color"]["legend"] for layer in spec["layer"]
                  if "color" in layer.get("encoding", {}))
    assert legend["orient"] == "bottom" and legend["columns"] >= 2
    assert legend.get("symbolLimit") == 0
