"""Train the transcript check-worthiness model (claims/extraction/triage.py) and write its weights
to claims/extraction/data/triage.json.

    python scripts/train_checkworthy.py [--eval ../shared/eval] [--cv]

Trained only on data the project may use: the 19 CLEF-2019 CheckThat! Task 1 training transcripts
(`transcripts/clef2019-train/*.tsv`, "free for general research use") and the ClaimBuster
sentences of the `train` split (`checkworthy-claimbuster.jsonl`; Arslan et al. 2020, open access),
the features those of triage.features, so the product scores lines as they were trained. A
logistic regression with L2 regularisation, the two classes weighted equally, fitted by Adam in
NumPy. `--cv` also prints the mean average precision of leave-one-transcript-out models on the
training transcripts (each held-out transcript ranked on its own, as CLEF-2019 measured) and the
ROC AUC on the ClaimBuster `test` split.
"""

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import triage  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
L2 = 100.0
STEPS = 300
MIN_COUNT = 2  # a feature seen in fewer training lines gets no weight
LEARNING_RATE = 0.05
KEEP = 1e-3  # weights smaller than this are left out of the file
Sample = tuple[list[str], int]


def read_tsv(path: Path) -> list[tuple[int, str, str, int | None]]:
    """(line, speaker, text, label or None) for each line of a CLEF-style TSV transcript."""
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        cells = raw.split("\t")
        label = int(cells[3]) if len(cells) > 3 and cells[3].strip() else None
        rows.append((int(cells[0]), cells[1], cells[2] if len(cells) > 2 else "", label))
    return rows


def transcript_samples(path: Path) -> list[Sample]:
    rows = read_tsv(path)
    lines = [triage.Line(speaker, text) for _, speaker, text, _ in rows]
    return [(found, int(label or 0)) for found, (*_, label) in zip(triage.features(lines), rows, strict=True)]


def claimbuster(path: Path) -> tuple[list[Sample], list[Sample]]:
    """(train, test) ClaimBuster sentences, by their own features only: they come without their
    transcripts, and features of a place they do not have would learn the sample's balance."""
    train, test = [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        found = triage.line_features(record["text"])
        (train if record["split"] == "train" else test).append((found, int(record["label"])))
    return train, test


def fit(samples: list[Sample]) -> triage.Model:
    counts = Counter(f for found, _ in samples for f in set(found))
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    rows: list[int] = []
    cols: list[int] = []
    for row, (found, _) in enumerate(samples):
        indices = sorted({vocabulary[f] for f in found if f in vocabulary})
        rows += [row] * len(indices)
        cols += indices
    r, c = np.array(rows), np.array(cols)
    y = np.array([label for _, label in samples], dtype=np.float64)
    n, positives = len(y), y.sum()
    balance = np.where(y == 1, n / (2 * positives), n / (2 * (n - positives)))
    w = np.zeros(len(vocabulary))
    b = 0.0
    m, v = np.zeros_like(w), np.zeros_like(w)
    mb = vb = 0.0
    for step in range(1, STEPS + 1):
        p = 1 / (1 + np.exp(-(np.bincount(r, weights=w[c], minlength=n) + b)))
        g = balance * (p - y) / n
        gw = np.bincount(c, weights=g[r], minlength=len(w)) + L2 * w / n
        gb = float(g.sum())
        m = 0.9 * m + 0.1 * gw
        v = 0.999 * v + 0.001 * gw * gw
        w -= LEARNING_RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        mb = 0.9 * mb + 0.1 * gb
        vb = 0.999 * vb + 0.001 * gb * gb
        b -= LEARNING_RATE * (mb / (1 - 0.9**step)) / (math.sqrt(vb / (1 - 0.999**step)) + 1e-8)
    weights = {f: round(float(w[i]), 4) for f, i in vocabulary.items() if abs(w[i]) >= KEEP}
    return triage.Model(round(b, 4), weights)


def score(model: triage.Model, found: list[str]) -> float:
    return model.bias + sum(model.weights.get(f, 0.0) for f in set(found))


def average_precision(scores: list[float], labels: list[int]) -> float:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / max(1, sum(labels))


def roc_auc(scores: list[float], labels: list[int]) -> float:
    """The probability that a positive outscores a negative (ties count half), by rank sums."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    rank_sum = sum(rank for rank, label in zip(ranks, labels, strict=True) if label)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--cv", action="store_true", help="also cross-validate by transcript")
    parser.add_argument("--out", type=Path, default=triage.WEIGHTS_FILE)
    args = parser.parse_args()
    paths = sorted((args.eval / "transcripts" / "clef2019-train").glob("*.tsv"))
    if not paths:
        print(f"no training transcripts under {args.eval}", file=sys.stderr)
        return 1
    docs = {path.stem: transcript_samples(path) for path in paths}
    cb_train, cb_test = claimbuster(args.eval / "checkworthy-claimbuster.jsonl")
    if args.cv:
        precisions = {}
        for held in docs:
            model = fit([s for name, samples in docs.items() if name != held for s in samples] + cb_train)
            scored = [score(model, found) for found, _ in docs[held]]
            precisions[held] = average_precision(scored, [label for _, label in docs[held]])
            print(f"{held}: AP {precisions[held]:.3f}", flush=True)
        print(f"MAP, leave one transcript out: {sum(precisions.values()) / len(precisions):.4f}")
    model = fit([s for samples in docs.values() for s in samples] + cb_train)
    auc = roc_auc([score(model, found) for found, _ in cb_test], [label for _, label in cb_test])
    print(f"ClaimBuster test ROC AUC: {auc:.4f}; {len(model.weights):,} weights")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "model": "logistic regression over claims.extraction.triage features",
        "trained_on": [
            "CLEF-2019 CheckThat! Task 1 training transcripts (19; github.com/telsayed/"
            "clef2019-factchecking-task1 at 123668498cd6), free for general research use",
            "ClaimBuster sentences, train split (Arslan et al. 2020, doi:10.5281/zenodo.3609356, open access)",
        ],
        "settings": {"l2": L2, "steps": STEPS, "min_count": MIN_COUNT, "learning_rate": LEARNING_RATE},
        "bias": model.bias,
        "weights": dict(sorted(model.weights.items())),
    }
    args.out.write_text(json.dumps(document, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
