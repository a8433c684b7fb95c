"""Extraction time per megabyte on pathological shapes of input, against ordinary prose.

Each shape is one input of about --megabytes MB; any that takes more than 3x prose's time per MB
fails the run (exit 1). Pure Python, no services: the extractor alone.

    python bench/extraction_linear.py [--megabytes 1.0] [--only SHAPE,...]
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402  (pure Python: no Django setup)

LIMIT = 3.0  # times prose's seconds per MB

PROSE = (
    "The harbour authority said on Monday that the ferry to Lindholm would keep running until 2030. "
    '"We have the money for another ten years," said Ann Weaver, who chairs the authority. '
    "Critics of the plan disagreed, and a councillor, Tom Reyes, told reporters the figures were wrong. "
    "The island has 4,200 residents, according to the latest census.\n\n"
)

# Each shape is (name, unit repeated until the input is long enough, and how it is framed).
SHAPES: dict[str, str] = {
    "prose": PROSE,
    "guillemets": "« a » ",
    "straight quotes": '"a b" ',
    "curly quotes": "“a b” ",
    "unclosed quotes": '"a b ',
    "commas": "a, ",
    "capitals": "Alpha Beta ",
    "said said said": "said ",
    "quoted said": '"It is so," he said. ',
    "nested parentheses": "(",
    "one long line": "word ",
    "sentence ends": "A. ",
    "according to": "according to ",
}


def build(unit: str, size: int) -> str:
    if unit == "(":
        half = size // 2
        return "(" * half + "a" + ")" * half
    return (unit * (size // len(unit) + 1))[:size]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--only", default="", help="comma-separated shape names (prose always runs)")
    args = parser.parse_args()
    size = int(args.megabytes * 1024 * 1024)
    wanted = {"prose", *(s.strip() for s in args.only.split(",") if s.strip())}
    results = []
    for name, unit in SHAPES.items():
        if args.only and name not in wanted:
            continue
        text = build(unit, size)
        started = time.perf_counter()
        claims = extract(text)
        elapsed = time.perf_counter() - started
        per_mb = elapsed / (len(text.encode("utf-8")) / (1024 * 1024))
        results.append((name, per_mb, len(claims)))
        print(f"  {name:<20} {per_mb:8.2f} s/MB  {len(claims):6d} claims", flush=True)
    prose = results[0][1]
    print("\n| shape | s per MB | x prose | claims |\n| --- | --- | --- | --- |")
    failed = []
    for name, per_mb, count in results:
        ratio = per_mb / prose
        print(f"| {name} | {per_mb:.2f} | {ratio:.2f} | {count} |")
        if ratio > LIMIT:
            failed.append(name)
    if failed:
        print(f"\nslower than {LIMIT:g}x prose: {', '.join(failed)}")
        return 1
    print(f"\nevery shape within {LIMIT:g}x prose")
    return 0


if __name__ == "__main__":
    sys.exit(main())
