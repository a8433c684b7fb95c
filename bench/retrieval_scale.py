"""Retrieval at a million claims: p50/p95 of GET /api/claims/similar/ and of a multi-word ?q= on
/api/claims/, server time (Django's whole request, in this process, through the test client),
for an editor (every claim) and for an anonymous reader (the published ones: 0.1% of them here),
and what the index costs: the real encoder's indexing rate (index_claims on a sample), the web
process's dense index, loaded and trained (seconds), and the memory of three web processes that
each load it (their proportional set sizes, summed: memory they share is counted once).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claims python bench/retrieval_scale.py [--generate]

Works in the database `<name>_bench_retrieval` next to the one DATABASE_URL names, which
generate_dataset fills when empty with 0.1% of its claims published (--published-share 0.001;
search entries included: see that command for how its embeddings are made). The queries are
written here from the dataset's own vocabulary: paraphrases of its sentences for `similar`, two
to four of its words (and speakers' names) for ?q=.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_load import open_dataset, percentile  # noqa: E402

GOAL_MS = 50  # p95, from the issue


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def similar_texts(rng: random.Random, count: int) -> list[str]:
    from claims.management.commands.generate_dataset import TOPICS, VERBS

    shapes = [
        "Is it true that spending on {t} {v} by {n}%?",
        "they say {t} spending {v} again, {n} percent since {y}... and {o} next?? #{t}",
        "Spending on {t} {v} by {n} percent since {y}, and {o} is next",
        "{o} is next after {t}: spending {v}",
    ]
    return [
        rng.choice(shapes).format(
            t=rng.choice(TOPICS),
            o=rng.choice(TOPICS),
            v=rng.choice(VERBS),
            n=rng.randint(2, 95),
            y=rng.randint(1990, 2024),
        )
        for _ in range(count)
    ]


def q_texts(rng: random.Random, count: int) -> list[str]:
    from claims.management.commands.generate_dataset import FIRST, LAST, TOPICS, VERBS

    words = (
        TOPICS + [w for v in VERBS for w in v.split() if w not in ("will", "has")] + ["spending", "percent"]
    )
    out = []
    for _ in range(count):
        picked = rng.sample(words, rng.randint(2, 4))
        if rng.random() < 0.25:
            picked[0] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        out.append(" ".join(picked))
    return out


def pss_mb(pid: int) -> float:
    """A process's proportional set size: its private memory plus its share of what it shares."""
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return 0.0


# One web process: loads the search index as config/wsgi.py does (the encoder, about 90 MB more,
# is loaded by its first search), says how long it took, waits.
WEB_PROCESS = """
import json, sys, time
import django
django.setup()
from claims.retrieval import dense
started = time.perf_counter()
index = dense.index()
print(json.dumps({"seconds": time.perf_counter() - started, "vectors": len(index)}), flush=True)
sys.stdin.read()
"""


def web_processes(count: int) -> None:
    """Start `count` processes that each load the index, one after the other (as gunicorn's
    workers warm up), and print what each took and the memory of all of them once loaded."""
    processes = []
    try:
        for n in range(count):
            process = subprocess.Popen(
                [sys.executable, "-c", WEB_PROCESS],
                cwd=ROOT,
                env=os.environ,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            processes.append(process)
            assert process.stdout is not None
            loaded = json.loads(process.stdout.readline())
            print(f"web process {n + 1}: {loaded['vectors']:,} vectors loaded in {loaded['seconds']:.1f} s")
        sizes = [pss_mb(p.pid) for p in processes]
        print(
            f"{count} web processes: {sum(sizes):,.0f} MB in all (PSS: "
            + ", ".join(f"{size:,.0f}" for size in sizes)
            + " MB)"
        )
    finally:
        for process in processes:
            if process.stdin:
                process.stdin.close()
            process.wait(timeout=60)


def timed(client, path: str, params: dict) -> tuple[float, float]:
    """Milliseconds of the request, and of this process's CPU in it (the server's Python and
    the encoder; PostgreSQL's own time is not in it): on a busy machine the first waits for the
    cores, the second does not."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(path, params)
    ms, cpu_ms = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} {params} answered {response.status_code}: {response.content[:300]!r}")
    return ms, cpu_ms


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true", help="drop and regenerate the dataset")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--index-sample", type=int, default=2000, help="claims re-indexed by the real encoder"
    )
    parser.add_argument("--web-processes", type=int, default=3)
    parser.add_argument("--who", choices=["editor", "anonymous"], nargs="+", default=["editor", "anonymous"])
    args = parser.parse_args()
    if not open_dataset(
        "retrieval_scale",
        args.generate,
        suffix="bench_retrieval",
        options=("--published-share", "0.001"),
    ):
        return 0
    from django.contrib.auth import get_user_model
    from django.test import Client

    from claims.models import Claim, ClaimSearchEntry
    from claims.retrieval import dense
    from claims.retrieval import service as retrieval
    from claims.retrieval.embeddings import encoder

    claims = Claim.objects.count()
    entries = ClaimSearchEntry.objects.count()
    published = Claim.objects.published().count()
    print(f"{claims:,} claims ({published:,} published), {entries:,} search entries")
    if entries < claims:
        print("the dataset has claims without search entries: run again with --generate")
        return 1

    encoder()  # loaded once per process, before anything is timed
    rng = random.Random(11)
    if args.index_sample:
        sample = rng.sample(range(1, claims + 1), args.index_sample)
        started = time.perf_counter()
        retrieval.index_claims(claim_ids=sample)
        took = time.perf_counter() - started
        print(
            f"index_claims (the real encoder) on {len(sample):,} of them: {len(sample) / took:.0f} claims/s, "
            f"so {claims / (len(sample) / took) / 3600:.1f} h for all"
        )

    started = time.perf_counter()
    snapshot = dense.build_shared()
    print(
        f"shared snapshot of the vectors built from the search entries: {snapshot.count:,} rows in "
        f"{time.perf_counter() - started:.1f} s"
    )
    if args.web_processes:  # before this process maps the snapshot too (it would take a share)
        web_processes(args.web_processes)
    before, started = rss_mb(), time.perf_counter()
    index = dense.index()
    took = time.perf_counter() - started
    print(
        f"dense index in the web process: {len(index):,} vectors loaded and "
        f"{'an approximate index trained' if index.approximate else 'kept for exact search'} in {took:.1f} s; "
        f"resident memory {before:.0f} MB -> {rss_mb():.0f} MB, of it the shared snapshot's pages read; "
        f"proportional set size {pss_mb(os.getpid()):.0f} MB "
        f"(peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )

    user, _ = get_user_model().objects.get_or_create(
        username="bench-retrieval", defaults={"is_staff": True, "is_superuser": True}
    )
    editor = Client(HTTP_HOST="127.0.0.1")
    editor.force_login(user)
    anonymous = Client(HTTP_HOST="127.0.0.1")
    # Measured here: the search, not the API's rate limit for anonymous clients.
    from rest_framework.throttling import SimpleRateThrottle

    SimpleRateThrottle.allow_request = lambda self, request, view: True  # type: ignore[method-assign]
    failed = False
    for who, client in (("editor", editor), ("anonymous", anonymous)):
        if who not in args.who:
            continue
        for name, path, param, texts in (
            ("similar", "/api/claims/similar/", "text", similar_texts(rng, args.requests + 20)),
            ("?q=", "/api/claims/", "q", q_texts(rng, args.requests + 20)),
        ):
            for text in texts[:20]:  # warm-up, not measured
                timed(client, path, {param: text})
            measured = [timed(client, path, {param: text}) for text in texts[20:]]
            times, cpu = [ms for ms, _ in measured], [ms for _, ms in measured]
            p50, p95 = percentile(times, 50), percentile(times, 95)
            verdict = "ok" if p95 <= GOAL_MS else f"OVER the {GOAL_MS} ms goal"
            failed |= p95 > GOAL_MS
            print(
                f"{who:9} {name:8} {len(times)} requests: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                f"max {max(times):.1f} ms ({verdict}); CPU p50 {percentile(cpu, 50):.1f} ms, "
                f"p95 {percentile(cpu, 95):.1f} ms"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
