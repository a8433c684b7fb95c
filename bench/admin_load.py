"""Server time of the editors' admin pages on the million-claim dataset (goal: at most 300 ms each
for the claims list, plain, filtered and searched, the claim page, the dashboard, and the review
page of an article with 200 claims).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claims python bench/admin_load.py [--generate]

Uses the same `<name>_bench_api` database as bench/api_load.py (generated on first use). Each
request goes through Django's whole stack in this process as a signed-in Editor, so the time is
the server's alone. Ids, words and filters are drawn at random for each request.
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

GOAL_MS = 300
LIST = "/admin/claims/claim/"


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


REVIEW_CLAIMS = 200
SPEAKERS = ["Ada Quill", "Tom Brenner", "Ben Okafor", "Mina Vale", "Rosa Lind"]
TOPICS = ["the harbour", "school meals", "the library", "bus fares", "the reserves", "the bridge"]


def review_article() -> int:
    """The id of an article with REVIEW_CLAIMS claims in the dataset, stored through the pipeline
    (once: later runs find it by its title)."""
    from claims.ingest import articles, pipeline
    from claims.models import Source

    title = f"Council meeting, {REVIEW_CLAIMS} statements (bench)"
    known = Source.objects.filter(title=title).values_list("pk", flat=True).first()
    if known:
        return known
    lines = ["date 2026-11-30", title, ""]
    for n in range(REVIEW_CLAIMS):
        speaker, topic = SPEAKERS[n % len(SPEAKERS)], TOPICS[n % len(TOPICS)]
        lines += [f'"Item {n} on {topic} will be settled by week {n % 52 + 1}," {speaker} said.', ""]
    text = "\n".join(lines)
    article = articles.parse_text(text)  # its first line, the title
    stored = pipeline.store_article(article, raw=text)
    print(f"review page: source {stored.source_id}, {stored.added.appearances} claims", flush=True)
    return stored.source_id


def scenarios(rng: random.Random, review_source: int) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM claims_claim")
        max_claim = cursor.fetchone()[0]
        cursor.execute("SELECT min(id), max(id) FROM claims_speaker")
        speakers = cursor.fetchone()
        cursor.execute("SELECT min(id), max(id) FROM claims_source")
        sources = cursor.fetchone()
        cursor.execute("SELECT id FROM claims_publisher")
        publishers = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT DISTINCT claim_id FROM claims_appearance WHERE source_id = %s", [review_source]
        )
        review_claims = [row[0] for row in cursor.fetchall()]

    def month() -> str:
        year, m = rng.randint(2021, 2025), rng.randint(1, 12)
        return f"seen_from={year}-{m:02}-01&seen_until={year}-{m:02}-28"

    return {
        "list plain": lambda: LIST,
        "list by state, kind, worth": lambda: (
            f"{LIST}?state__exact={rng.choice(['new', 'accepted', 'reviewed'])}"
            f"&kind__exact=direct&checkworthiness={rng.choice(['high', 'medium', 'low'])}"
        ),
        "list by speaker": lambda: f"{LIST}?speaker={rng.randint(*speakers)}",
        "list by publisher": lambda: f"{LIST}?publisher={rng.choice(publishers)}&state__exact=new",
        "list by date range": lambda: f"{LIST}?{month()}",
        "list assigned to me": lambda: f"{LIST}?assigned=me&state__exact=new",
        "list by worth, ordered": lambda: f"{LIST}?o=-5",
        "list searched": lambda: f"{LIST}?q={rng.choice(WORDS)}",
        "claim page": lambda: f"{LIST}{rng.randint(1, max_claim)}/change/",
        "source page": lambda: f"/admin/claims/source/{rng.randint(*sources)}/change/",
        "speaker page": lambda: f"/admin/claims/speaker/{rng.randint(*speakers)}/change/",
        "dashboard": lambda: "/admin/",
        "review page, 200 claims": lambda: (
            f"/admin/claims/source/{review_source}/review/?focus={rng.choice(review_claims)}"
        ),
        # A merge waiting to be confirmed: both statements rendered, with their speakers.
        "review page, merge asked": lambda: (
            f"/admin/claims/source/{review_source}/review/?focus={rng.choice(review_claims)}"
            f"&merge={rng.randint(1, max_claim)}"
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true", help="drop and regenerate the dataset")
    parser.add_argument("--requests", type=int, default=60, help="per page")
    args = parser.parse_args()
    if not open_dataset("admin_load", args.generate):
        return 0
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client, override_settings

    # No collectstatic here: plain static URLs (as in development) instead of the manifest.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]).enable()
    editor, _ = get_user_model().objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(editor)
    rng = random.Random(4)
    review_source = review_article()
    worst = 0.0
    print(
        f"{'page':26} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  (n={args.requests} each, goal {GOAL_MS} ms)"
    )
    for name, make in scenarios(rng, review_source).items():
        for _ in range(3):  # warm-up: templates, code
            client.get(make())
        times = []
        for _ in range(args.requests):
            path = make()
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code not in (200, 302):  # 302: a random id that does not exist
                raise SystemExit(f"{path} answered {response.status_code}")
        p95 = percentile(times, 95)
        worst = max(worst, p95)
        print(f"{name:26} {statistics.median(times):8.1f} {p95:8.1f} {max(times):8.1f}", flush=True)
    print(f"slowest p95: {worst:.1f} ms ({'met' if worst <= GOAL_MS else 'NOT met'}: goal {GOAL_MS} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
