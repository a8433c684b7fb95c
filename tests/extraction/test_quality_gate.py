"""The extractor's regression gate: PolNeAR train and dev, read from ../shared/eval at run time
(never copied), scored by the shared scorer, must not fall below the floors in floors.json:
all-attribution F1 (cover > 0.3), its jaccard > 0.5 F1, quoted F1 and speaker_span."""

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from claims.extraction import extract

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
FLOORS = json.loads((Path(__file__).resolve().parent / "floors.json").read_text())


def scorer():
    spec = importlib.util.spec_from_file_location("score_claims", EVAL / "score_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", ["train", "dev"])
def test_polnear_figures_do_not_fall_below_their_floors(split):
    path = EVAL / f"polnear-{split}.jsonl"
    if not path.exists():
        pytest.skip(f"the evaluation data is not here ({path}): the gate runs where ../shared is")
    with path.open(encoding="utf-8") as handle:
        gold = {doc["id"]: doc for doc in map(json.loads, filter(str.strip, handle))}
    # PolNeAR annotates attributions only: the author's assertions are left out, as bench/extraction.py does.
    predicted = {
        doc_id: [claim.as_contract() for claim in extract(doc["text"], assertions=False)]
        for doc_id, doc in gold.items()
    }
    evaluate = scorer().evaluate
    figures = {
        "all_f1": evaluate(gold, predicted, "all", "cover", 0.3)["f1"],
        "jaccard_f1": evaluate(gold, predicted, "all", "jaccard", 0.5)["f1"],
        "quoted_f1": evaluate(gold, predicted, "quoted", "cover", 0.3)["f1"],
        "speaker_span": evaluate(gold, predicted, "all", "cover", 0.3)["speaker_span"],
    }
    below = {
        name: (value, FLOORS[split][name]) for name, value in figures.items() if value < FLOORS[split][name]
    }
    assert not below, f"PolNeAR {split} fell below its floors (figure, floor): {below}"


def test_real_news_faithfulness_does_not_fall_below_its_floors():
    """On the real-news dev articles (../shared/eval/realnews-dev.jsonl, read at run time): a
    statement recorded names the right source in the right stance (faithful), and few name the
    wrong one or are no statement at all."""
    path = EVAL / "realnews-dev.jsonl"
    if not path.exists():
        pytest.skip(f"the evaluation data is not here ({path}): the gate runs where ../shared is")
    with path.open(encoding="utf-8") as handle:
        gold = {doc["id"]: doc for doc in map(json.loads, filter(str.strip, handle))}
    predicted = {
        doc_id: [
            claim.as_contract()
            for claim in extract(
                doc["text"],
                published=dt.date.fromisoformat(doc["published"]) if doc.get("published") else None,
                assertions=False,
            )
        ]
        for doc_id, doc in gold.items()
    }
    figures = scorer().evaluate(gold, predicted, "all", "cover", 0.3)
    floors = FLOORS["realnews_dev"]
    below = {
        name: (figures[name], floors[name])
        for name in ("faithful_precision", "faithful_recall", "speaker_name", "stance")
        if figures[name] < floors[name]
    }
    for name, share_of in (("wrong", "wrong_share_max"), ("unmatched", "unmatched_share_max")):
        share = figures[name] / figures["n_pred"]
        if share > floors[share_of]:
            below[name] = (round(share, 4), floors[share_of])
    assert not below, f"real news fell past its floors (figure, floor): {below}"
