"""SIGKILL a worker in the middle of 200 ingest jobs, start a new one: does every job end done exactly once?

Needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL). Works in a database of its own,
`<name>_bench_kill` on the same server, created afresh each run.

    python bench/worker_kill.py [--jobs 200] [--kill-after 60]
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LEASE_SECONDS = "6"


def bench_database(url: str) -> str:
    """Create an empty database beside the one DATABASE_URL names, and return its URL."""
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'claims'}_bench_kill"
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--kill-after", type=int, default=60, help="kill once this many jobs are done")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    database, broker = os.environ.get("DATABASE_URL", ""), os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith(("postgres://", "postgresql://")) or not broker.startswith("redis://"):
        print("worker_kill: skipped: set DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis)")
        return 0
    queue = f"claims-bench-{uuid.uuid4().hex[:8]}"
    env = {
        "DATABASE_URL": bench_database(database),
        "CELERY_BROKER_URL": broker,
        "CELERY_QUEUE": queue,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "CLAIMS_JOB_LEASE_SECONDS": LEASE_SECONDS,
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.synthetic import article
    from bench.workers import WorkerProcess
    from claims.models import Appearance, Claim, IngestJob, Source
    from claims.services import ingestion

    call_command("migrate", verbosity=0)
    first = WorkerProcess(env, queue, concurrency=2).start()
    print(f"submitting {args.jobs} jobs to queue {queue}", flush=True)
    ids = [ingestion.submit_text(article(i)).pk for i in range(args.jobs)]
    jobs = IngestJob.objects.filter(pk__in=ids)
    while jobs.filter(state="done").count() < args.kill_after:
        time.sleep(0.05)
    first.kill()
    at_kill = {state: jobs.filter(state=state).count() for state in ("queued", "running", "done", "failed")}
    running_at_kill = set(jobs.filter(state="running").values_list("pk", flat=True))
    print(f"SIGKILL sent to the worker; jobs then: {at_kill}", flush=True)
    second = WorkerProcess(env, queue, concurrency=2).start()
    started = time.monotonic()
    try:
        while jobs.exclude(state__in=["done", "failed"]).exists():
            if time.monotonic() - started > args.timeout:
                print("worker_kill: FAILED: jobs still unfinished", flush=True)
                return 1
            ingestion.recover_stalled_jobs()  # what beat runs every minute
            time.sleep(1)
    finally:
        second.stop()
    done = jobs.filter(state="done").count()
    failed = jobs.filter(state="failed").count()
    appearances_by_jobs = sum(jobs.values_list("appearances_created", flat=True))
    claims_by_jobs = sum(jobs.values_list("claims_created", flat=True))
    rerun = jobs.filter(attempts__gt=1).count()
    report = {
        "jobs": args.jobs,
        "done": done,
        "failed": failed,
        "running_at_kill": len(running_at_kill),
        "rerun_after_kill": rerun,
        "sources": Source.objects.count(),
        "appearances": Appearance.objects.count(),
        "appearances_created_by_jobs": appearances_by_jobs,
        "claims": Claim.objects.count(),
        "claims_created_by_jobs": claims_by_jobs,
        "seconds_to_recover": round(time.monotonic() - started, 1),
    }
    ok = (
        done == args.jobs
        and report["sources"] == args.jobs
        and appearances_by_jobs == report["appearances"]
        and claims_by_jobs == report["claims"]
    )
    print(f"worker_kill: {'OK' if ok else 'FAILED'} {report}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
