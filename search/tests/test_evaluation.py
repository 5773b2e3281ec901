from __future__ import annotations

import json
from collections import Counter

import pytest
from django.core.management import call_command

from search.evaluation.build import QUERIES, SIZE, load
from search.evaluation.harness import Report, evaluate, load_set
from search.evaluation.independent.compose import HERE as INDEPENDENT
from search.evaluation.metrics import ndcg_at, recall_at


def test_labelled_set_is_complete():
    decisions, queries = load()
    assert len(decisions) == SIZE >= 300
    assert len(queries) == len(QUERIES) >= 30
    assert all(set(q["grades"].values()) <= {1, 2, 3} for q in queries)


def test_independent_set_is_complete():
    decisions, queries = load_set(INDEPENDENT)
    assert len(decisions) >= 120
    assert len({d["layout"] for d in decisions}) == 5
    kinds = Counter(q["type"] for q in queries)
    assert len(queries) >= 40
    assert kinds["long"] >= len(queries) / 4 and kinds["synonym"] >= len(queries) / 4
    ids = {d["external_id"] for d in decisions}
    for q in queries:
        assert q["rule"] and q["grades"] and set(q["grades"]) <= ids
        assert set(q["grades"].values()) <= {1, 2, 3}


def test_metrics():
    grades = {"a": 3, "b": 2, "c": 0}
    assert ndcg_at(["a", "b"], grades) == 1.0
    assert ndcg_at(["b", "a"], grades) < 1.0
    assert recall_at(["a", "x"], grades) == 0.5


@pytest.mark.django_db
def test_evaluate_search_takes_any_set_and_reports_per_type(tmp_path, capsys):
    labelled = tmp_path / "set.json"
    labelled.write_text(json.dumps({
        "decisions": [
            {"external_id": "a", "title": "外观设计专利侵权纠纷处理决定书",
             "decided_on": "2024-03-01", "ip_type": "design_patent", "outcome": "dismissed",
             "platform": "拼多多", "infringing_acts": ["offer"],
             "full_text": "被请求人在拼多多店铺展示销售台灯。"},
            {"external_id": "b", "title": "商标行政处罚决定书", "decided_on": "2023-01-05",
             "ip_type": "trademark", "outcome": "infringement_found",
             "full_text": "当事人销售假冒注册商标的运动鞋。"},
        ],
        "queries": [{"query": "PDD", "type": "synonym", "grades": {"a": 3}},
                    {"query": "假冒 运动鞋", "type": "short", "grades": {"b": 3}}],
    }, ensure_ascii=False), encoding="utf-8")
    call_command("evaluate_search", str(labelled))
    out = capsys.readouterr().out
    assert "2 decisions, 2 queries" in out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line[:1].isalpha()}
    # The page's search finds both (synonyms); BM25 over bigrams misses the abbreviation.
    assert lines["synonym"][2] == "1.000" and lines["synonym"][4] == "0.000"
    assert lines["short"][2] == "1.000"
    from search.models import Decision

    assert not Decision.objects.exists()  # nothing of the evaluation is kept


@pytest.mark.django_db
def test_independent_set_meets_the_quality_bar():
    report = evaluate(INDEPENDENT)
    by_type = {k: [s for s in report.system if s.type == k] for k in report.types()}
    assert Report.mean_ndcg(report.system) >= 0.85
    assert Report.mean_ndcg(report.system) > Report.mean_ndcg(report.bm25)
    assert Report.mean_ndcg(by_type["long"]) >= 0.75
    assert Report.mean_ndcg(by_type["synonym"]) >= 0.75
    assert report.empty_where_bm25_finds() == []


def test_heldout_set_is_complete_and_what_its_composer_writes():
    from search.evaluation.heldout import compose as heldout

    decisions, queries = load_set(heldout.HERE)
    independent_layouts = {d["layout"] for d in load_set(INDEPENDENT)[0]}
    layouts = {d["layout"] for d in decisions}
    assert len(layouts) == 5 and not layouts & independent_layouts
    kinds = Counter(q["type"] for q in queries)
    assert len(queries) >= 40
    assert kinds["long"] >= len(queries) / 4 and kinds["synonym"] >= len(queries) / 4
    ids = {d["external_id"] for d in decisions}
    for q in queries:
        assert q["rule"] and set(q["grades"]) <= ids
        assert any(g >= 2 for g in q["grades"].values())
    # The JSON is the composer's output, not edited by hand to suit the search.
    assert decisions == [heldout.compose(c, n) for n, c in enumerate(heldout.CASES, start=1)]
    assert [q["grades"] for q in queries] == [heldout.grades(r) for *_x, r in heldout.QUERIES]


@pytest.mark.django_db
def test_heldout_set_generalises():
    """The held-out set is never tuned on; this is a floor that says the tuning on the
    other sets still carries over, not a target to tune towards."""
    from search.evaluation.heldout.compose import HERE as HELDOUT

    report = evaluate(HELDOUT)
    by_type = {k: [s for s in report.system if s.type == k] for k in report.types()}
    assert Report.mean_ndcg(report.system) >= 0.85
    assert Report.mean_ndcg(report.system) > Report.mean_ndcg(report.bm25)
    assert Report.mean_ndcg(by_type["long"]) >= 0.75
    assert Report.mean_ndcg(by_type["synonym"]) >= 0.75
    assert report.empty_where_bm25_finds() == []


@pytest.mark.parametrize("name", ["independent", "fresh", "plain", "everyday"])
def test_a_hand_written_set_is_what_its_compose_writes(name, tmp_path):
    """The sets share their case line and writer (search.evaluation.sets): the committed
    files are still exactly what each set's compose.py writes."""
    import importlib

    from search.evaluation.sets import write_set

    compose = importlib.import_module(f"search.evaluation.{name}.compose")
    write_set(tmp_path, compose.CASES, compose.decision, compose.QUERIES)
    for file in ("decisions.json", "queries.json"):
        assert (tmp_path / file).read_bytes() == (compose.HERE / file).read_bytes()
