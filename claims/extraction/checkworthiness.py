"""How worth checking a statement is, in [0, 1].

A transparent linear score over surface features of checkable statements (figures, comparisons,
named entities, causal and temporal claims) minus opinion and hedging. It is not trained on the
evaluation data, whose licence forbids shipping a model derived from it.
"""

import math
import re

_FEATURES: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"\d"), 1.1),
    (re.compile(r"%|\bper ?cent\b|\bpercent\b", re.I), 0.9),
    (re.compile(r"[$€£]|\b(?:dollars|euros|pounds|billion|million|trillion)\b", re.I), 0.9),
    (
        re.compile(
            r"\b(?:more|less|fewer|higher|lower|larger|smaller|than|most|least|highest|lowest|"
            r"record|doubled|tripled|increased|decreased|rose|fell|cut|raised)\b",
            re.I,
        ),
        0.7,
    ),
    (re.compile(r"\b(?:because|caused|led to|result(?:ed)? in|due to)\b", re.I), 0.4),
    (
        re.compile(
            r"\b(?:voted|passed|signed|killed|arrested|spent|paid|lost|won|created|jobs|tax|taxes|"
            r"law|bill|deficit|debt|budget|unemployment|crime)\b",
            re.I,
        ),
        0.6,
    ),
    (re.compile(r"\b(?:19|20)\d\d\b"), 0.4),
    (re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b"), 0.3),
]
_AGAINST: list[tuple[re.Pattern[str], float]] = [
    (
        re.compile(
            r"\b(?:I think|I believe|I feel|I hope|we hope|I want|we want|I'm|I am|thank|"
            r"great|wonderful|terrible|love|hate)\b",
            re.I,
        ),
        0.8,
    ),
    (re.compile(r"\b(?:maybe|perhaps|might|could|would|should|will)\b", re.I), 0.4),
    (re.compile(r"\?"), 0.8),
]
_BIAS = -1.2


def score(text: str) -> float:
    total = _BIAS
    for pattern, weight in _FEATURES:
        if pattern.search(text):
            total += weight
    for pattern, weight in _AGAINST:
        if pattern.search(text):
            total -= weight
    words = len(text.split())
    if words < 6:
        total -= 0.8
    return 1.0 / (1.0 + math.exp(-total))
