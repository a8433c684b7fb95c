"""Retrieval ("has this been checked already?") on the CLEF-2020 CheckThat! data, through the product.

The contract of ../shared/eval/README.md: the verified claims are loaded into a fresh database
(SQLite by default; PostgreSQL when DATABASE_URL names one, in a database of its own) as published
claims, through the product's own service (claims.curation.checked), indexed as ingestion indexes
them, with the fact check's title as the claim's headline; then each query is asked of
GET /api/claims/similar/ (the API itself, through Django's test client, as an anonymous client),
and the ranked claim ids are written, best first, up to 10 a query. Only --queries' texts are read.

    python bench/retrieval.py --corpus ../shared/eval/claim-retrieval/verified-claims.jsonl \\
        --queries ../shared/eval/claim-retrieval/dev.jsonl --run-out RUN.jsonl
    python ../shared/eval/score_retrieval.py ../shared/eval/claim-retrieval/dev.jsonl RUN.jsonl

--tune QUERIES.jsonl (train only) first tries fusion weights through the same service and prints
the best, then answers --queries as usual; tuning reads relevance, so give it train, never the
queries the run is scored on.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "claim-retrieval"
sys.path.insert(0, str(ROOT))


def fresh_database() -> str:
    """A DATABASE_URL for an empty database of this run's own."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        base, _, own = url.rpartition("/")
        # Named after the caller's own database, so that two checkouts on one server never share it.
        name = f"{own.split('?')[0] or 'claims'}_bench_retrieval"
        admin = f"{base}/postgres"
        for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
            subprocess.run(["psql", admin, "-qc", sql], check=True)
        return f"{base}/{name}"
    return f"sqlite:///{tempfile.mkdtemp(prefix='claims-retrieval-')}/db.sqlite3"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=EVAL / "verified-claims.jsonl")
    parser.add_argument("--queries", type=Path, default=EVAL / "dev.jsonl")
    parser.add_argument("--run-out", type=Path, default=ROOT / "var" / "retrieval-run.jsonl")
    parser.add_argument("--tune", type=Path, help="queries with relevance (train) to tune the weights on")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = fresh_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["CLAIMS_API_ANON_RATE"] = "100000000/minute"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from claims.curation import checked

    call_command("migrate", verbosity=0)
    corpus = load(args.corpus)
    started = time.perf_counter()
    ids = checked.import_checked(items=[checked.Checked(c["claim"], c.get("title") or "") for c in corpus])
    took = time.perf_counter() - started
    # The corpus repeats some statements under two ids (the same words, other quotation marks):
    # the record keeps one claim for them, as it keeps one claim per statement, and a run lists
    # every corpus id a found claim stands for.
    ours: dict[int, list[int]] = {}
    for pk, c in zip(ids, corpus, strict=True):
        if pk is not None:
            ours.setdefault(pk, []).append(c["id"])
    print(
        f"{len(corpus):,} checked claims stored as {len(ours):,} claims and indexed in {took:.0f} s "
        f"({len(ours) / took:.1f} claims/s)",
        flush=True,
    )

    if args.tune:
        tune(load(args.tune), ours)

    setup_test_environment()
    client = Client()
    queries = load(args.queries)
    started = time.perf_counter()
    args.run_out.parent.mkdir(parents=True, exist_ok=True)
    with args.run_out.open("w", encoding="utf-8") as out:
        for q in queries:
            response = client.get("/api/claims/similar/", {"text": q["text"][:5000], "limit": 10})
            if response.status_code != 200:
                print(f"query {q['id']}: {response.status_code} {response.content[:200]!r}", file=sys.stderr)
                ranked = []
            else:
                ranked = [cid for hit in response.json() for cid in ours.get(hit["claim"]["id"], [])]
            out.write(json.dumps({"id": q["id"], "ranked": ranked[:10]}) + "\n")
    took = time.perf_counter() - started
    print(
        f"{len(queries)} queries in {took:.1f} s ({1000 * took / len(queries):.1f} ms each); run: {args.run_out}"
    )
    return 0


def tune(queries: list[dict], ours: dict[int, list[int]]) -> int:
    sys.path.insert(0, str(EVAL.parent))
    from score_retrieval import score

    from claims.models import Claim
    from claims.retrieval import service

    published = Claim.objects.filter(state=Claim.State.PUBLISHED)
    results = []
    for lexical in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0):
        weights = service.Weights(lexical=lexical, dense=1.0)
        run = {
            q["id"]: [
                cid
                for h in service.search(text=q["text"], claims=published, limit=10, weights=weights)
                for cid in ours.get(h.claim_id, [])
            ][:10]
            for q in queries
        }
        scored = score(queries, run)
        results.append((scored["MAP@5"], lexical))
        print(f"lexical {lexical:.1f}, dense 1.0: {scored}", flush=True)
    best = max(results)
    print(f"best on these queries: lexical {best[1]} (MAP@5 {best[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
