"""Matching a new appearance against a million claims (issue 7's goal: at most 20 ms median,
through an index, not a scan).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claims python bench/matching_speed.py

Uses the `<name>_bench_api` database of bench/api_load.py (generated on first use), indexes its
claims for matching if that was not done yet (manage.py index_claims, a few minutes once), then
times claims.store.matching.best_matches on variants of 300 random claims (trimmed,
re-cased, partial) by their speakers, and on 300 texts by the same speakers that match nothing,
and shows the query plan.
"""

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_load import open_dataset  # noqa: E402

GOAL_MS = 20


def main() -> int:
    if not open_dataset("matching_speed", False):
        return 0
    from django.core.management import call_command
    from django.db import connection

    from claims.models import Claim, ClaimAnchor
    from claims.store import matching, similarity

    if (
        not ClaimAnchor.objects.exists()
        or not ClaimAnchor.objects.filter(claim_id=Claim.objects.order_by("-pk").values("pk")[:1]).exists()
    ):
        call_command("index_claims")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claimanchor")
        cursor.execute("SELECT count(*), count(DISTINCT claim_id) FROM claims_claimanchor")
        anchors, indexed = cursor.fetchone()
    print(f"{indexed:,} claims indexed with {anchors:,} anchors")
    rng = random.Random(5)
    top = Claim.objects.order_by("-pk").values_list("pk", flat=True)[0]
    sample = list(
        Claim.objects.filter(pk__in=[rng.randint(1, top) for _ in range(300)]).values_list(
            "text", "speaker_id"
        )
    )

    def variant(text: str) -> str:
        words = text.split()
        choice = rng.randrange(3)
        if choice == 0:
            return text.upper().replace(",", "")
        if choice == 1:
            return " ".join(words[1:-1])
        return " ".join(words[: max(7, len(words) * 2 // 3)])

    def timed(statements) -> tuple[list[float], int]:
        times, merged = [], 0
        for statement in statements:
            started = time.perf_counter()
            [match] = matching.best_matches([statement])
            times.append((time.perf_counter() - started) * 1000)
            merged += match is not None
        return times, merged

    matching.best_matches([(sample[0][0], sample[0][1])])  # warm-up
    variants, merged = timed([(variant(text), speaker) for text, speaker in sample])
    strangers, false = timed(
        [
            (f"The {rng.randint(1, 10**6)} lighthouses of Vestmark were never painted blue", speaker)
            for _, speaker in sample
        ]
    )
    for name, times in (("variants of stored claims", variants), ("texts matching nothing", strangers)):
        print(
            f"{name:28} median {statistics.median(times):.2f} ms, p95 "
            f"{statistics.quantiles(times, n=20)[-1]:.2f} ms, max {max(times):.2f} ms"
        )
    print(f"variants merged into a claim: {merged} of {len(sample)}; unrelated texts merged: {false}")
    words = similarity.words(variant(sample[0][0]))
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT a.claim_id FROM unnest(%s::bigint[]) AS v(value), LATERAL ("
            " SELECT claim_id FROM claims_claimanchor WHERE value = v.value AND speaker_id = %s"
            " ORDER BY claim_id DESC LIMIT 30) AS a",
            [list(similarity.query_anchors(words)), sample[0][1]],
        )
        print("plan:\n  " + "\n  ".join(row[0] for row in cursor.fetchall()))
    worst = statistics.median(variants + strangers)
    print(f"median {worst:.2f} ms ({'met' if worst <= GOAL_MS else 'NOT met'}: goal {GOAL_MS} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
