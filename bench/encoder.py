"""The sentence encoder's speed: claims/s at batch 32 (indexing) and batch 1 (a query), ONNX Runtime
on one thread (claims.retrieval.embeddings, float32 and int8) against the NumPy forward pass the
product ran before (scripts/reference_encoder.py), with OpenBLAS on its default threads (as it ran
in workers) and on one; also how near their vectors lie.

    python bench/encoder.py [--rounds 3] [--texts 640] [--single 160]

Each measurement runs in a fresh process (a BLAS's thread count is fixed when NumPy loads), the
encoders taking turns round after round, so that whatever else the machine does falls on all of
them alike; the model is loaded and warmed before the clock starts. The texts are the CLEF-2020
verified claims when ../shared/eval is there, else sentences made here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "claim-retrieval" / "verified-claims.jsonl"
ENCODERS = {
    "numpy, BLAS default threads (before)": ("reference", {}),
    "numpy, BLAS 1 thread": ("reference", {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}),
    "onnxruntime int8, 1 thread": ("runtime-int8", {}),
    "onnxruntime float32, 1 thread (now)": ("runtime-float32", {}),
}


def texts(count: int) -> list[str]:
    if CORPUS.exists():
        with CORPUS.open() as lines:
            out = [json.loads(line)["claim"] for _, line in zip(range(count), lines, strict=False)]
        if len(out) == count:
            return out
    subjects = ["The mayor", "A senator", "The health ministry", "Officials", "The company"]
    claims = [
        "said unemployment fell to its lowest level in fifty years last month",
        "claimed the new bridge cost twice what the council had budgeted",
        "denied that the ferry service would end before 2030",
        "warned that wheat prices would double if the port stayed closed",
    ]
    return [f"{subjects[i % 5]} {claims[i % 4]} ({i})." for i in range(count)]


def child(kind: str, batch: int, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    if kind == "reference":
        from scripts.reference_encoder import Encoder as Reference

        encoder: object = Reference()
    else:
        from claims.retrieval.embeddings import Encoder

        encoder = Encoder(file="model-int8.onnx" if kind == "runtime-int8" else "model-float32.onnx")
    sample = texts(count)
    encode = encoder.encode  # type: ignore[attr-defined]
    encode(sample[:batch], batch_size=batch)  # warm
    start = time.perf_counter()
    if batch == 1:
        for text in sample:
            encode([text], batch_size=1)
    else:
        encode(sample, batch_size=batch)
    elapsed = time.perf_counter() - start
    print(json.dumps({"rate": count / elapsed}))


def measure(kind: str, env: dict[str, str], batch: int, count: int) -> float:
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(batch), str(count)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(result.stdout.strip().splitlines()[-1])["rate"])


def agreement(count: int, file: str) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    from claims.retrieval.embeddings import Encoder
    from scripts.reference_encoder import Encoder as Reference

    sample = texts(count)
    cosines = (Reference().encode(sample) * Encoder(file=file).encode(sample)).sum(axis=1)
    return float(cosines.min()), float(cosines.mean())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--texts", type=int, default=640, help="texts encoded at batch 32")
    parser.add_argument("--single", type=int, default=160, help="texts encoded one at a time")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), int(args.child[2]))
        return 0
    rates: dict[tuple[str, int], list[float]] = {}
    for round_ in range(args.rounds):
        for batch, count in ((32, args.texts), (1, args.single)):
            for label, (kind, env) in ENCODERS.items():
                rate = measure(kind, env, batch, count)
                rates.setdefault((label, batch), []).append(rate)
                print(f"round {round_ + 1}  batch {batch:>2}  {label:<40} {rate:8.1f} claims/s", flush=True)
    print(f"\nmedian of {args.rounds} rounds, claims/s ({os.cpu_count()} cores):")
    print(f"{'encoder':<40} {'batch 32':>9} {'batch 1':>9}")
    for label in ENCODERS:
        b32 = statistics.median(rates[(label, 32)])
        b1 = statistics.median(rates[(label, 1)])
        print(f"{label:<40} {b32:9.1f} {b1:9.1f}")
    now = "onnxruntime float32, 1 thread (now)"
    for label in list(ENCODERS)[:3]:
        print(
            f"speed-up over {label}: batch 32 x{statistics.median(rates[(now, 32)]) / statistics.median(rates[(label, 32)]):.2f},"
            f" batch 1 x{statistics.median(rates[(now, 1)]) / statistics.median(rates[(label, 1)]):.2f}"
        )
    for file in ("model-float32.onnx", "model-int8.onnx"):
        low, mean = agreement(min(args.texts, 500), file)
        print(f"{file}: cosine to the NumPy forward pass: min {low:.4f}, mean {mean:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
