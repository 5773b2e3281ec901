"""Ranking metrics for the evaluation (graded relevance 0-3)."""

from __future__ import annotations

import math


def dcg(gains: list[int]) -> float:
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([grades.get(doc, 0) for doc in ranked[:k]]) / ideal


def recall_at(ranked: list[str], grades: dict[str, int], k: int = 20, threshold: int = 2
              ) -> float:
    relevant = {doc for doc, g in grades.items() if g >= threshold}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:k])) / len(relevant)
