"""How often a link the search service would make between another fact-checker's review and one of
our claims (claims.retrieval.external) is right, at its thresholds and around them.

The CLEF-2020 CheckThat! data stands in for reviews and claims: its verified claims are stored
as our published claims (as bench/retrieval.py stores them), each query (a tweet repeating a
checked claim) stands for a review's claimReviewed, and a link is right when the claim it points
to is one the query repeats. Every hit among the top PER_REVIEW a link would take is counted.

    python bench/external_links.py [--queries ../shared/eval/claim-retrieval/train.jsonl]

Choose thresholds on train; check them on dev (--queries …/dev.jsonl).

Then the speed of linking: each query is imported as a ClaimReview (its text the claim reviewed)
and external.link_reviews links them all to the 10,375 claims stored, as `import_claimreview`
does, with its progress; reviews/s is reported.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from retrieval import EVAL, fresh_database, load  # noqa: E402

THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=EVAL / "verified-claims.jsonl")
    parser.add_argument("--queries", type=Path, default=EVAL / "train.jsonl")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"external_links: skipped: no evaluation data at {args.corpus}")
        return 0
    os.environ["DATABASE_URL"] = fresh_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from claims.curation import checked
    from claims.models import Claim
    from claims.retrieval import external, service

    call_command("migrate", verbosity=0)
    corpus = load(args.corpus)
    ids = checked.import_checked(items=[checked.Checked(c["claim"], c.get("title") or "") for c in corpus])
    ours: dict[int, set[int]] = {}
    for pk, c in zip(ids, corpus, strict=True):
        if pk is not None:
            ours.setdefault(pk, set()).add(c["id"])
    queries = load(args.queries)
    hits = []  # (score, cosine, right)
    for q in queries:
        relevant = set(q["relevant"])
        for hit in service.search(
            text=q["text"][:5000], claims=Claim.objects.all(), limit=external.PER_REVIEW
        ):
            hits.append((hit.score, hit.dense, bool(ours.get(hit.claim_id, set()) & relevant)))
    print(
        f"{len(queries)} queries ({args.queries.name}), {len(hits)} candidate links (top {external.PER_REVIEW} each)"
    )
    print(
        f"{'threshold':>9}  {'links':>6} {'right':>6} {'precision':>9}   {'strong links':>12} {'precision':>9}"
    )
    for t in THRESHOLDS:
        linked = [right for score, _, right in hits if score >= t]
        strong = [right for score, cosine, right in hits if score >= t and cosine >= t]
        p = sum(linked) / len(linked) if linked else float("nan")
        ps = sum(strong) / len(strong) if strong else float("nan")
        marks = (" <- suggest" if t == external.SUGGEST else "") + (
            " <- strong" if t == external.STRONG else ""
        )
        print(f"{t:9.2f}  {len(linked):6} {sum(linked):6} {p:9.3f}   {len(strong):12} {ps:9.3f}{marks}")
    speed(queries, claims=Claim.objects.count())
    return 0


def speed(queries: list[dict], *, claims: int) -> None:
    import json
    import time

    from claims.ingest import claimreview
    from claims.retrieval import external

    lines = [
        json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"https://reviews.example/{q['id']}",
                "claimReviewed": q["text"][:5000],
                "author": {"@type": "Organization", "name": "Bench Checkers"},
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
            }
        ).encode()
        for q in queries
    ]
    ids = claimreview.import_reviews(claimreview.from_json_lines(lines)).review_ids
    started, cpu = time.perf_counter(), time.process_time()

    def progress(done: int, total: int, linked: external.Linked) -> None:
        if done == total or done % (external.BATCH * 4) == 0:
            print(f"  linking: {done}/{total} reviews ({done / (time.perf_counter() - started):.1f}/s)")

    linked = external.link_reviews(review_ids=ids, progress=progress)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"linked {len(ids)} reviews to {claims:,} claims in {took:.1f} s: {len(ids) / took:.1f} reviews/s "
        f"({linked.confirmed} confirmed, {linked.suggested} suggested); CPU {cpu:.1f} s, "
        f"{len(ids) / cpu:.1f} reviews a CPU second (what one free core would do; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    sys.exit(main())
