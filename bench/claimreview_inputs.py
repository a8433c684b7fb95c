"""Hostile ClaimReview input, read as an import or a ClaimReview feed reads it
(claims.ingest.claimreview.records): how long each takes and the memory it holds. Each input runs
in a process of its own; its peak resident size, less the same process's size before reading, is
the memory the read held.

- Nesting 100,000 levels deep, as a document, a DataFeed element, a JSON line and a page's script:
  each must be refused in under 5 s holding under 200 MB (the old reader grew with the square of
  the depth: 16 KB of brackets took 236 MB).
- Pages that mention ClaimReview, built to make a pattern backtrack, and an ordinary one: each must
  be read in under 1 s (26 KB of `<script type=application/ld+json ` took the old pattern 16.9 s;
  its time on this machine is printed for comparison).

    python bench/claimreview_inputs.py [--depth 100000] [--megabytes 1]

Exit 1 when an input misses its bound. No database: nothing is imported.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEEP_SECONDS, DEEP_MB, PAGE_SECONDS = 5.0, 200.0, 1.0
# The pattern the pages were read with before: its time on the 26 KB input is shown beside ours.
OLD_SCRIPT = re.compile(
    rb"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S
)


def review(n: int) -> str:
    return json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"https://checkers.example/reviews/{n}",
            "claimReviewed": f"The harbour toll rose by {n} percent last year",
            "author": {"@type": "Organization", "name": "Harbour Checkers"},
            "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Mostly false"},
        }
    )


def arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


def objects(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def fill(unit: str, size: int, head: str = "<html><body><p>ClaimReview</p>") -> bytes:
    return (head + unit * ((size - len(head)) // len(unit) + 1)).encode()[:size]


def deep_inputs(depth: int) -> dict[str, bytes]:
    with_deep_field = review(2).replace(
        '"@type": "ClaimReview"', f'"@type": "ClaimReview", "x": {arrays(depth)}'
    )
    return {
        "document: arrays": arrays(depth).encode(),
        "document: objects": objects(depth).encode(),
        "DataFeed: one deep element": (
            '{"@type": "DataFeed", "dataFeedElement": [' + f"{review(1)}, {with_deep_field}, {review(3)}]}}"
        ).encode(),
        "JSON lines: one deep line": "\n".join([review(1), with_deep_field, review(3)]).encode(),
        "page: one deep script": (
            "<html><head>"
            + "".join(
                f'<script type="application/ld+json">{body}</script>' for body in (review(1), arrays(depth))
            )
            + "</head></html>"
        ).encode(),
    }


def page_inputs(size: int) -> dict[str, bytes]:
    article = (
        "<p>The harbour authority said on Monday that the toll would not rise, contradicting a "
        "councillor who said it rose by 9 percent. &lt;script&gt; 1 < 2 > 0 \"quoted\" 'single'</p>\n"
    )
    ordinary = fill(article, size - 20 * 400) + b"".join(
        f'<script type="application/ld+json">{review(n)}</script>'.encode() for n in range(20)
    )
    return {
        "26 KB of <script type=application/ld+json ": fill(
            "<script type=application/ld+json ", 26 * 1024, head="<html>ClaimReview "
        ),
        "<script type=application/ld+json (tag never ends)": fill("<script type=application/ld+json ", size),
        "<script type=application/ld+json> (never closed)": fill("<script type=application/ld+json>", size),
        "<script></script> (many scripts)": fill("<script></script>", size),
        "JSON-LD scripts of {} (many, no review)": fill(
            '<script type="application/ld+json">{}</script>', size
        ),
        "<!-- (comments never closed)": fill("<!--", size),
        "<script a=b a=b … (one long tag)": fill("a=b ", size, head='<html>ClaimReview <script type="x" '),
        "<script a=' (an unclosed quote)": fill(
            "'", size, head="<html>ClaimReview <script type=application/ld+json a='"
        ),
        "< (a megabyte of them)": fill("<", size),
        "an article with 20 JSON-LD scripts": ordinary,
    }


def read_one(kind: str, name: str, depth: int, megabytes: float) -> int:
    """Read one input in this process and print: seconds, MB held, peak MB, what came of it."""
    import io
    import resource

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from claims.ingest import claimreview

    data = (deep_inputs(depth) if kind == "deep" else page_inputs(int(megabytes * 1024 * 1024)))[name]
    list(claimreview.records(lambda: io.BytesIO(b"[]")))  # everything imported, before the baseline
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    found = list(claimreview.records(lambda: io.BytesIO(data)))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kept = sum(isinstance(r, claimreview.Review) for _, r in found)
    refused = [
        f"{where}: {result}"[:60] for where, result in found if isinstance(result, claimreview.BadRecord)
    ]
    print(json.dumps([seconds, peak - before, peak, len(data), kept, refused[:2]]))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--depth", type=int, default=100_000)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return read_one(*args.one, depth=args.depth, megabytes=args.megabytes)
    failed = []
    for kind, names in (
        ("deep", list(deep_inputs(10))),
        ("page", list(page_inputs(1024))),
    ):
        print(f"\n| {kind} input | size | seconds | held MB | peak MB | reviews | refused |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name in names:
            run = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    kind,
                    name,
                    f"--depth={args.depth}",
                    f"--megabytes={args.megabytes}",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if run.returncode != 0:
                print(f"| {name} | failed: {run.stderr.strip().splitlines()[-1:]} |")
                failed.append(name)
                continue
            seconds, held, peak, size, kept, refused = json.loads(run.stdout.strip().splitlines()[-1])
            print(
                f"| {name} | {size / 1024:,.0f} KB | {seconds:.3f} | {held:.1f} | {peak:.0f} | {kept} | "
                f"{'; '.join(refused) or '-'} |",
                flush=True,
            )
            if (kind == "deep" and (seconds > DEEP_SECONDS or held > DEEP_MB)) or (
                kind == "page" and seconds > PAGE_SECONDS
            ):
                failed.append(name)
    hostile = page_inputs(1024)["26 KB of <script type=application/ld+json "]
    started = time.perf_counter()
    list(OLD_SCRIPT.finditer(hostile))
    print(
        f"\nthe old pattern on 26 KB of <script type=application/ld+json : {time.perf_counter() - started:.1f} s"
    )
    if failed:
        print(
            f"\nover the bound ({DEEP_SECONDS:g} s and {DEEP_MB:g} MB deep, {PAGE_SECONDS:g} s a page): {', '.join(failed)}"
        )
        return 1
    print(
        f"\nevery deep input refused in under {DEEP_SECONDS:g} s holding under {DEEP_MB:g} MB; every page read in under {PAGE_SECONDS:g} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
