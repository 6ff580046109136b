"""The benchmark command runs end to end and reports what README quotes (small size here;
the real sizes take minutes and belong to `python -m app bench`, not to the test suite)."""

from __future__ import annotations

import json

from app import bench
from app.navigation import PAGES
from tests.test_cli import run


def test_bench_reports_every_measure_per_size():
    done = run("bench", "--learners", "60", "--repeats", "1", "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)["60"]
    assert set(figures["page_seconds"]) == {spec.key for spec in PAGES}
    assert all(seconds > 0 for seconds in figures["page_seconds"].values())
    assert figures["peak_memory_mb"] > 50
    assert figures["max_chart_rows"] > 0
    assert figures["compose_gap"] == 0 and figures["compose_learners"] == 60
    assert figures["objective"] >= figures["greedy_objective"]
    assert "| composition: gap |" in bench.markdown({"60": figures})
    # Three new decisions beside a published version move those three and few others.
    assert figures["recompose_moved"] <= bench.RECOMPOSE_DECISIONS + 3
    assert "| recomposition for 3 new decisions" in bench.markdown({"60": figures})


def test_verdicts_use_the_size_nearest_to_2000():
    results = {"600": {"page_seconds": {"a": 0.1}, "peak_memory_mb": 300},
               "5000": {"page_seconds": {"a": 0.9}, "peak_memory_mb": 700}}
    found = bench.verdicts(results)
    assert found[0] == ("slowest page at 600 (a)", "0.1 s", True)
