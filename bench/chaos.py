"""500 ingest jobs in flight, then something breaks: does every job still end done exactly once?

    python bench/chaos.py [--scenario kill|flushall|pg-restart|all] [--jobs 500] [--after 100]

  kill        SIGKILL one of the two worker processes (main process and pool), start another
  flushall    FLUSHALL the Redis broker: every queued and unacknowledged message is gone
  pg-restart  restart PostgreSQL (pg_ctlcluster … restart): every connection is cut

Needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL), and for pg-restart the right to
run pg_ctlcluster (root on these machines). Each scenario works in a database of its own,
`<name>_bench_chaos`, created afresh. This script plays Celery beat: it runs the sweeper
(recover_stalled_jobs) every second, with job leases of 6 seconds.

"Exactly once" is checked in the rows: every job done, none failed; one source per job; and the
appearances and claims that exist are exactly those the jobs counted as their own, which holds
only if each row was created by one committed run.
"""

import argparse
import glob
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.workers import fresh_database  # noqa: E402

LEASE_SECONDS = "6"
SCENARIOS = ("kill", "flushall", "pg-restart")


def restart_postgresql() -> None:
    version = sorted(Path(p).name for p in glob.glob("/etc/postgresql/*"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True, timeout=120
    )


def retrying(action, attempts: int = 60):
    """Run a database read in this process, riding out a restarting server."""
    from django.db import OperationalError, close_old_connections, connection

    for _ in range(attempts):
        try:
            return action()
        except OperationalError:
            connection.close()
            close_old_connections()
            time.sleep(1)
    return action()


def run(scenario: str, jobs_wanted: int, after: int, timeout: float, env: dict, broker: str) -> bool:
    from django.core.management import call_command

    from bench.synthetic import article
    from bench.workers import WorkerProcess
    from claims.ingest import submission
    from claims.models import Appearance, Claim, IngestJob, Source

    call_command("migrate", verbosity=0)
    queue = env["CELERY_QUEUE"]
    workers = [WorkerProcess(env, queue, concurrency=2).start() for _ in range(2)]
    try:
        # As a feed's new items go: in messages of CLAIMS_INGEST_BATCH jobs.
        ids = [submission.submit_text(article(i), enqueue=False).pk for i in range(jobs_wanted)]
        submission.enqueue_many(ids)
        jobs = IngestJob.objects.filter(pk__in=ids)
        while jobs.filter(state="done").count() < after:
            time.sleep(0.05)
        snapshot = {state: jobs.filter(state=state).count() for state in ("queued", "running", "done")}
        if scenario == "kill":
            workers[0].kill()
            workers[0] = WorkerProcess(env, queue, concurrency=2).start()
        elif scenario == "flushall":
            import redis

            redis.Redis.from_url(broker).flushall()
        elif scenario == "pg-restart":
            restart_postgresql()
        print(f"  {scenario} with jobs {snapshot}", flush=True)
        started = time.monotonic()
        while retrying(lambda: jobs.exclude(state__in=["done", "failed"]).exists()):
            if time.monotonic() - started > timeout:
                print(f"  {scenario}: jobs still unfinished after {timeout:.0f} s", flush=True)
                return False
            retrying(submission.recover_stalled_jobs)  # what beat runs every minute
            time.sleep(1)
        recovered_in = time.monotonic() - started
    finally:
        for worker in workers:
            worker.stop()
    report = {
        "jobs": jobs_wanted,
        "done": jobs.filter(state="done").count(),
        "failed": jobs.filter(state="failed").count(),
        "run_more_than_once": jobs.filter(attempts__gt=1).count(),
        "sources": Source.objects.count(),
        "appearances": Appearance.objects.count(),
        "appearances_counted_by_jobs": sum(jobs.values_list("appearances_created", flat=True)),
        "claims": Claim.objects.count(),
        "claims_counted_by_jobs": sum(jobs.values_list("claims_created", flat=True)),
        "seconds_to_finish_after": round(recovered_in, 1),
    }
    ok = (
        report["done"] == jobs_wanted
        and report["sources"] == jobs_wanted
        and report["appearances"] == report["appearances_counted_by_jobs"]
        and report["claims"] == report["claims_counted_by_jobs"]
    )
    print(f"chaos {scenario}: {'OK' if ok else 'FAILED'} {report}", flush=True)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument("--jobs", type=int, default=500)
    parser.add_argument("--after", type=int, default=100, help="break things once this many jobs are done")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    database, broker = os.environ.get("DATABASE_URL", ""), os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith(("postgres://", "postgresql://")) or not broker.startswith("redis://"):
        print("chaos: skipped: set DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis)")
        return 0
    import django

    results = {}
    for scenario in SCENARIOS if args.scenario == "all" else (args.scenario,):
        env = {
            "DATABASE_URL": fresh_database(database, "bench_chaos"),
            "CELERY_BROKER_URL": broker,
            "CELERY_QUEUE": f"claims-chaos-{uuid.uuid4().hex[:8]}",
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "0",
            "CLAIMS_JOB_LEASE_SECONDS": LEASE_SECONDS,
        }
        os.environ.update(env)
        if scenario == SCENARIOS[0] or args.scenario != "all":
            django.setup()
        else:  # the same database name, created afresh: drop the old connection to it
            from django.db import connection

            connection.close()
        from config.celery import app

        app.conf.task_default_queue = env["CELERY_QUEUE"]  # read once at setup: set it per scenario
        results[scenario] = run(scenario, args.jobs, args.after, args.timeout, env, broker)
    print("chaos:", ", ".join(f"{s} {'OK' if ok else 'FAILED'}" for s, ok in results.items()))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
