"""Importing other fact-checkers' ClaimReview in bulk: 100,000 records as one DataFeed document and
as JSON lines, through import_reviews (records/s), with the memory each import holds (its
process's peak resident size, less the same process's size before importing): streamed, so it
stays flat however large the file. Each import runs in a process of its own.

    python bench/claimreview_import.py [--records N]        (SQLite in a temporary directory)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claims python bench/claimreview_import.py

With PostgreSQL, a database of its own (`<name>_bench_claimreview`) is created and dropped. The
records are generated here (one in 50 malformed, to be skipped); nothing is linked (linking is the
search service's cost, measured by bench/retrieval_scale.py).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PUBLISHERS = ["Harbour Checkers", "Bridge Watch", "Council Facts", "Data Desk"]
RATINGS = [(1, "False"), (2, "Mostly false"), (3, "Half true"), (4, "Mostly true"), (5, "True")]
TOPICS = ["the harbour toll", "school meals", "bus fares", "the library budget", "the reserves"]


def record(n: int, rng: random.Random) -> dict:
    if n % 50 == 0:
        return {"@type": "ClaimReview", "claimReviewed": "no url here"}
    value, label = rng.choice(RATINGS)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checkers.example/reviews/{n}",
        "claimReviewed": f"{rng.choice(TOPICS).capitalize()} rose by {rng.randint(1, 90)} percent in {2000 + n % 26}",
        "author": {"@type": "Organization", "name": rng.choice(PUBLISHERS)},
        "datePublished": f"2026-{1 + n % 12:02}-{1 + n % 28:02}",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": label,
        },
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": f"Speaker {n % 997}"}},
        "inLanguage": "en",
    }


def write_inputs(directory: Path, count: int) -> tuple[Path, Path]:
    """A DataFeed document and the same records as JSON lines, written a record at a time."""
    rng = random.Random(11)
    feed, lines = directory / "feed.json", directory / "reviews.jsonl"
    with feed.open("w") as f, lines.open("w") as g:
        f.write('{"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [\n')
        for n in range(1, count + 1):
            text = json.dumps(record(n, rng))
            f.write(("," if n > 1 else "") + text + "\n")
            g.write(text + "\n")
        f.write("]}\n")
    return feed, lines


def database(directory: Path) -> tuple[str, str | None]:
    """(DATABASE_URL for the run, the PostgreSQL admin URL to drop it with, if any)."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{directory / 'bench.sqlite3'}", None
    import psycopg

    parts = urlsplit(given)
    name = f"{parts.path.lstrip('/') or 'claims'}_bench_claimreview"
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), admin


def import_one(path: Path) -> int:
    import resource

    import django

    django.setup()
    from claims.ingest import claimreview
    from claims.models import ExternalReview

    ExternalReview.objects.exists()  # the connection and the models, before the baseline
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    result = claimreview.import_reviews(claimreview.records(lambda: path.open("rb")), found_at=str(path))
    seconds = time.perf_counter() - started
    held = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    print(
        f"{result.read / seconds:10,.0f} {seconds:8.1f} {held:8.1f}  {result.created:,} new, "
        f"{result.updated:,} updated, {result.unchanged:,} unchanged, {result.skipped:,} skipped"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # import this file, in this process
    args = parser.parse_args()
    if args.one:
        return import_one(Path(args.one))
    with tempfile.TemporaryDirectory(prefix="claimreview-bench-") as tmp:
        directory = Path(tmp)
        feed, lines = write_inputs(directory, args.records)
        url, admin = database(directory)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "0",
        }
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        print(
            f"{args.records:,} records ({feed.stat().st_size / 1e6:.1f} MB as a DataFeed), {url.split(':')[0]}"
        )
        print(f"{'input':24} {'records/s':>10} {'seconds':>8} {'held MB':>8}  result", flush=True)
        for name, path in (
            ("DataFeed, first import", feed),
            ("DataFeed, again", feed),
            ("JSON lines, again", lines),
        ):
            out = (
                subprocess.run(
                    [sys.executable, __file__, "--one", str(path)],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            print(f"{name:24} {out}", flush=True)
        if admin:
            import psycopg

            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
