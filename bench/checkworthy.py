"""Check-worthiness of transcript lines, as ../shared/eval/README.md's contract asks:

    python bench/checkworthy.py --tsv FILE... --run-out RUN.jsonl

scores every line of CLEF-style TSV transcripts (`line \\t speaker \\t text`, a fourth column
ignored) with the code that ranks a transcript's statements in the product (claims.extraction.
triage.scores, each transcript as one) and writes `{"doc": file stem, "line": n, "score": s}` a
line. It never reads labels.

Without --tsv (as `make bench` runs it) it reports, against the score in place before
(claims.extraction.checkworthiness): mean average precision on the 19 CLEF-2019 training
transcripts, the new model cross-validated by transcript (each left out of the model that ranks
it, scripts/train_checkworthy.py), the old score as it is; ROC AUC on the ClaimBuster test split
(the new model trained without it); and how many lines a second the shipped model ranks on one core.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from claims.extraction import checkworthiness, triage  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


def read_lines(path: Path) -> list[tuple[int, triage.Line]]:
    """(line number, line) for each line of a TSV transcript: its first three columns only."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        cells = raw.split("\t")
        out.append((int(cells[0]), triage.Line(cells[1], cells[2] if len(cells) > 2 else "")))
    return out


def run(paths: list[Path], out: Path) -> int:
    lines_scored = 0
    with out.open("w", encoding="utf-8") as sink:
        for path in paths:
            rows = read_lines(path)
            for (number, _), score in zip(rows, triage.scores([line for _, line in rows]), strict=True):
                sink.write(json.dumps({"doc": path.stem, "line": number, "score": round(score, 6)}) + "\n")
            lines_scored += len(rows)
    print(f"scored {lines_scored:,} lines of {len(paths)} transcripts into {out}")
    return 0


def report(eval_dir: Path) -> int:
    import train_checkworthy as training

    paths = sorted((eval_dir / "transcripts" / "clef2019-train").glob("*.tsv"))
    if not paths:
        print(f"checkworthy: skipped: no transcripts under {eval_dir}")
        return 0
    docs = {path.stem: training.transcript_samples(path) for path in paths}
    texts = {path.stem: [line.text for _, line in read_lines(path)] for path in paths}
    cb_train, cb_test = training.claimbuster(eval_dir / "checkworthy-claimbuster.jsonl")
    print(f"{'transcript':32} {'lines':>6} {'worthy':>6} {'before':>7} {'model (held out)':>17}")
    new, old = [], []
    for held in docs:
        model = training.fit(
            [s for name, samples in docs.items() if name != held for s in samples] + cb_train
        )
        labels = [label for _, label in docs[held]]
        new.append(training.average_precision([training.score(model, f) for f, _ in docs[held]], labels))
        old.append(training.average_precision([checkworthiness.score(t) for t in texts[held]], labels))
        print(f"{held:32} {len(labels):6} {sum(labels):6} {old[-1]:7.3f} {new[-1]:17.3f}", flush=True)
    print(f"{'MAP':32} {'':6} {'':6} {sum(old) / len(old):7.4f} {sum(new) / len(new):17.4f}")
    model = training.fit([s for samples in docs.values() for s in samples])
    cb_labels = [label for _, label in cb_test]
    cb_texts = [
        json.loads(raw)["text"]
        for raw in (eval_dir / "checkworthy-claimbuster.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(raw)["split"] != "train"
    ]
    auc_new = training.roc_auc([training.score(model, f) for f, _ in cb_test], cb_labels)
    auc_old = training.roc_auc([checkworthiness.score(t) for t in cb_texts], cb_labels)
    print(
        f"ClaimBuster test ROC AUC (model from the transcripts only): before {auc_old:.4f}, model {auc_new:.4f}"
    )
    model = training.fit([s for samples in docs.values() for s in samples] + cb_train)
    auc_both = training.roc_auc([training.score(model, f) for f, _ in cb_test], cb_labels)
    print(f"ClaimBuster test ROC AUC (model as shipped: transcripts and ClaimBuster train): {auc_both:.4f}")
    transcripts = [[line for _, line in read_lines(path)] for path in paths]
    total = sum(len(lines) for lines in transcripts)
    triage.scores(transcripts[0])  # the weights read once
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for lines in transcripts:
            triage.scores(lines)
        best = min(best, time.perf_counter() - started)
    print(
        f"speed: {total:,} lines ranked in {best:.3f} s, {total / best:,.0f} lines/s on one core (best of 3)"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tsv", type=Path, nargs="+", help="CLEF-style transcripts to score")
    parser.add_argument("--run-out", type=Path, help="where to write the run (JSON lines)")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the evaluation data, for the report")
    args = parser.parse_args()
    if args.tsv:
        if args.run_out is None:
            parser.error("--tsv needs --run-out")
        return run(args.tsv, args.run_out)
    return report(args.eval)


if __name__ == "__main__":
    sys.exit(main())
