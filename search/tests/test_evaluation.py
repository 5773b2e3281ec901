from __future__ import annotations

from django.core.management import call_command

from search.evaluation.build import QUERIES, SIZE, load
from search.evaluation.metrics import ndcg_at, recall_at


def test_labelled_set_is_complete():
    decisions, queries = load()
    assert len(decisions) == SIZE >= 300
    assert len(queries) == len(QUERIES) >= 30
    assert all(set(q["grades"].values()) <= {1, 2, 3} for q in queries)


def test_metrics():
    grades = {"a": 3, "b": 2, "c": 0}
    assert ndcg_at(["a", "b"], grades) == 1.0
    assert ndcg_at(["b", "a"], grades) < 1.0
    assert recall_at(["a", "x"], grades) == 0.5


def test_evaluate_search_reports_both_rankings(capsys):
    call_command("evaluate_search")
    out = capsys.readouterr().out
    assert "system ranking" in out and "plain BM25 baseline" in out and "NDCG@10" in out
