"""Server time of the public pages on the million-claim dataset (issue 8's goal: at most 100 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claims python bench/pages_load.py [--generate]

Uses the same `<name>_bench_api` database as bench/api_load.py (generated on first use). Each
request goes through Django's whole stack (middleware, view, queries, template) in this process,
so the time is the server's alone, without network or client. Every request asks for a different
claim, speaker, source or search, drawn at random from the published record, so caches stay cold
for the rows.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_load import WORDS, open_dataset  # noqa: E402

GOAL_MS = 100


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def page_paths(count: int) -> dict[str, list[str]]:
    from django.db import connection

    from claims.models import Rating

    rng = random.Random(8)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id, c.speaker_id, a.source_id FROM claims_claim c TABLESAMPLE SYSTEM (2)"
            " JOIN claims_appearance a ON a.claim_id = c.id"
            " WHERE c.state = 'published' AND c.speaker_id IS NOT NULL"
        )
        rows = cursor.fetchall()
    rng.shuffle(rows)
    rows = rows[:count]
    if len(rows) < count:
        raise SystemExit(f"only {len(rows)} published claims sampled; is the dataset generated?")
    verdicts = list(Rating.objects.values_list("value", flat=True))

    def search() -> str:
        choice = rng.randrange(4)
        if choice == 0:
            return f"/search/?q={rng.choice(WORDS)}"
        if choice == 1:
            return f"/search/?q={rng.choice(WORDS)}&verdict={rng.choice(verdicts)}"
        if choice == 2:
            return (
                f"/search/?q={rng.choice(WORDS)}&since=2022-01-01&until=2022-06-30&page={rng.randint(1, 5)}"
            )
        return f"/search/?speaker={rng.choice(['smith', 'jones', 'ahmed', 'garcia'])}"

    return {
        "home": ["/"] * count,
        "claim": [f"/claims/{claim}/" for claim, _, _ in rows],
        "speaker": [f"/speakers/{speaker}/" for _, speaker, _ in rows],
        "source": [f"/sources/{source}/" for _, _, source in rows],
        "search": [search() for _ in range(count)],
    }


def _measure_a_full_year_of_most_checked_speakers() -> None:
    """The generated claims were published years before today, so the home page's "most-checked
    speakers this year" would count an empty year. Its clock is set to the day after the last
    publication, so that the year it counts is full (about 50,000 claims)."""
    import datetime as dt

    from django.db.models import Max

    from claims.models import Claim
    from claims.public import views

    latest = Claim.objects.filter(state="published").aggregate(Max("published_at"))["published_at__max"]

    class DatasetClock:
        @staticmethod
        def now() -> dt.datetime:
            return latest + dt.timedelta(days=1)

    views.timezone = DatasetClock
    print(f"home page counts the year before {DatasetClock.now():%Y-%m-%d}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true", help="drop and regenerate the dataset")
    parser.add_argument("--requests", type=int, default=200, help="per kind of page")
    args = parser.parse_args()
    if not open_dataset("pages_load", args.generate):
        return 0
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    _measure_a_full_year_of_most_checked_speakers()
    client = Client()
    paths = page_paths(args.requests)
    worst = 0.0
    print(
        f"{'page':8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  (n={args.requests} each, goal {GOAL_MS} ms)"
    )
    for name, urls in paths.items():
        for path in urls[:10]:  # warm-up: connections, templates, code
            client.get(path)
        times = []
        for path in urls:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        p95 = percentile(times, 95)
        worst = max(worst, p95)
        print(f"{name:8} {statistics.median(times):8.1f} {p95:8.1f} {max(times):8.1f}")
    print(f"slowest p95: {worst:.1f} ms ({'met' if worst <= GOAL_MS else 'NOT met'}: goal {GOAL_MS} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
