"""Ingestion throughput: 10,000 articles through 2 worker processes on PostgreSQL and Redis,
from enqueue to claims committed (searchable by their words), beside the extraction engine's own
speed on the same articles; then how long the claims' embeddings take to follow (made on the
indexing queue, which the same workers read once no article waits).

    python bench/throughput.py [--articles 10000] [--workers 2]

Needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL); works in `<name>_bench_throughput`,
created afresh. The articles are synthetic news stories of realistic length (bench/synthetic.py,
about 750 words and three speakers each). The jobs' rows and their messages are written first,
as a feed's new items are sent: CLAIMS_INGEST_BATCH jobs a message, stored together;
the clock runs from the first job a worker claims (its started_at) to the last job's results
committed (its finished_at). The engine is timed
in this process, one core, on the same 10,000 texts (parse + extract, no database).
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.workers import fresh_database  # noqa: E402

GOAL = 0.5


def engine_rate(texts: list[str], repeat: int = 3) -> float:
    """Articles per second through parse + extract, best of `repeat` passes (one core)."""
    from claims import extraction
    from claims.ingest import articles

    rates = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            article = articles.parse_text(text)
            extraction.extract(article.text, published=article.published)
        rates.append(len(texts) / (time.perf_counter() - started))
    print(
        f"engine: {max(rates):.1f} articles/s best, {statistics.median(rates):.1f} median ({repeat} passes)"
    )
    return max(rates)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=1200)
    args = parser.parse_args()
    database, broker = os.environ.get("DATABASE_URL", ""), os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith(("postgres://", "postgresql://")) or not broker.startswith("redis://"):
        print("throughput: skipped: set DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis)")
        return 0
    queue = f"claims-throughput-{uuid.uuid4().hex[:8]}"
    env = {
        "DATABASE_URL": fresh_database(database, "bench_throughput"),
        "CELERY_BROKER_URL": broker,
        "CELERY_QUEUE": queue,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Max, Min, Sum

    from bench.synthetic import long_article
    from bench.workers import WorkerProcess, cpu_seconds, machine_busy_seconds
    from claims.ingest import submission
    from claims.models import Claim, IngestJob
    from claims.retrieval import service as retrieval

    call_command("migrate", verbosity=0)
    texts = [long_article(i) for i in range(args.articles)]
    engine = engine_rate(texts)

    IngestJob.objects.bulk_create(
        [IngestJob(kind=IngestJob.Kind.TEXT, payload=text.encode()) for text in texts], batch_size=1000
    )
    ids = list(IngestJob.objects.order_by("pk").values_list("pk", flat=True))
    # Every message is sent before the workers start, so that this process (sending 10,000
    # messages costs a core for a while) does not compete with them for the two cores; the clock
    # runs from the first job a worker takes to the last one committed.
    sending = time.monotonic()
    messages = submission.enqueue_many(ids)  # as a feed's new items go: CLAIMS_INGEST_BATCH jobs a message
    sent = time.monotonic() - sending
    workers = [WorkerProcess(env, queue, concurrency=1).start(ready_timeout=180) for _ in range(args.workers)]
    worker_pids = [w.process.pid for w in workers]
    cpu_before = cpu_seconds(worker_pids), machine_busy_seconds()
    try:
        started = time.monotonic()
        jobs = IngestJob.objects.filter(pk__in=ids)
        while jobs.exclude(state__in=["done", "failed"]).exists():
            if time.monotonic() - started > args.timeout:
                print("throughput: FAILED: jobs unfinished", flush=True)
                return 1
            time.sleep(0.5)
        # Read while the workers still live: /proc forgets a process's CPU time when it exits.
        cpu_after = cpu_seconds(worker_pids), machine_busy_seconds()
        # The claims are searchable by their words once stored; their embeddings are made on the
        # indexing queue, which the workers read once no article waits (claims.retrieval.tasks).
        stored_at = time.monotonic()
        while retrieval.pending().exists() and time.monotonic() - started < args.timeout:
            time.sleep(0.5)
        embedded_after = time.monotonic() - stored_at
        cpu_embedded = cpu_seconds(worker_pids)
    finally:
        for worker in workers:
            worker.stop()
    first = jobs.aggregate(Min("started_at"))["started_at__min"]
    last = jobs.aggregate(Max("finished_at"))["finished_at__max"]
    seconds = (last - first).total_seconds()
    done = jobs.filter(state="done").count()
    rate = done / seconds
    counted = jobs.aggregate(Sum("claims_created"))["claims_created__sum"]
    print(
        f"pipeline: {done} of {args.articles} articles done in {seconds:.1f} s through {args.workers} worker "
        f"processes = {rate:.1f} articles/s ({messages} messages of up to {settings.CLAIMS_INGEST_BATCH} jobs sent "
        f"beforehand in {sent:.1f} s); {Claim.objects.count()} claims "
        f"({counted} counted by jobs)"
    )
    worker_ms = (cpu_after[0] - cpu_before[0]) / done * 1000
    other_ms = (cpu_after[1] - cpu_before[1]) / done * 1000 - worker_ms
    print(
        f"CPU per article: the {args.workers} worker processes {worker_ms:.1f} ms; everything else "
        f"(PostgreSQL, Redis, this script polling) {other_ms:.1f} ms; the engine alone {1000 / engine:.1f} ms "
        f"({os.cpu_count()} cores)"
    )
    left = retrieval.pending().count()
    print(
        f"embeddings: {'all made' if not left else f'{left} claims still without'} "
        f"{embedded_after:.1f} s after the last article was stored, on the indexing queue; "
        f"{(cpu_embedded - cpu_after[0]) / max(1, Claim.objects.count()) * 1000:.1f} ms of worker CPU a claim"
    )
    ratio = rate / engine
    print(
        f"ratio to the engine on one core: {ratio:.2f} (goal {GOAL}: {'met' if ratio >= GOAL else 'NOT met'}); "
        f"per worker process: {rate / args.workers / engine:.2f}"
    )
    return 0 if done == args.articles else 1


if __name__ == "__main__":
    sys.exit(main())
