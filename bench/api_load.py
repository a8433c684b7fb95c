"""API latency and throughput on the million-claim dataset, served by gunicorn and measured from
another process over loopback, beside the same queries in raw SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claims python bench/api_load.py [--generate]

Works in the database `<name>_bench_api` next to the one DATABASE_URL names; --generate (or an
empty database) fills it with generate_dataset first, which takes a few minutes.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PORT = 8799
WORDS = ["harbour", "pensions", "fuel", "housing", "taxes", "rail", "hospital", "budget"]
GOALS = {"list": 50, "search": 150, "detail": 50}  # p95 goals in ms, from issue 5
SQL_TIMING = re.compile(r"sql;[^,]*dur=([\d.]+)")  # claims.middleware's Server-Timing header


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def bench_database(url: str, suffix: str = "bench_api") -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{parts.path.lstrip('/') or 'claims'}_{suffix}"))


def ensure_data(url: str, generate: bool, options: tuple[str, ...] = ()) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if generate and exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    with psycopg.connect(urlunsplit(parts._replace(scheme="postgresql"))) as conn:
        claims = conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
    if claims == 0:
        print("generating the dataset (a few minutes)...", flush=True)
        subprocess.run(
            [sys.executable, "manage.py", "generate_dataset", *options], cwd=ROOT, env=env, check=True
        )


def open_dataset(
    script: str, generate: bool = False, suffix: str = "bench_api", options: tuple[str, ...] = ()
) -> bool:
    """Point this process's Django at the million-claim dataset (generated when missing, with
    generate_dataset's `options`) in the database named with `suffix`, and set it up, for a
    benchmark that measures in-process. False, having said why, without PostgreSQL."""
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        print(f"{script}: skipped: set DATABASE_URL to PostgreSQL")
        return False
    url = bench_database(database, suffix)
    ensure_data(url, generate, options)
    os.environ.update(
        {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DJANGO_DEBUG": "0"}
    )
    import django

    django.setup()
    return True


class Client:
    def __init__(self, token: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.headers = {"Authorization": f"Token {token}"}

    def get(self, path: str) -> tuple[int, bytes, float, float | None]:
        """Status, body, milliseconds from here, and the SQL milliseconds the server reports."""
        started = time.perf_counter()
        self.conn.request("GET", path, headers=self.headers)
        response = self.conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        timing = SQL_TIMING.search(response.getheader("Server-Timing") or "")
        return response.status, body, elapsed, float(timing.group(1)) if timing else None


def scenarios(max_id: int) -> dict:
    rng = random.Random(7)
    return {
        "list": lambda: "/api/claims/?state=published&kind=direct&checkworthiness_min=0.5",
        "search": lambda: f"/api/claims/?q={rng.choice(WORDS)}",
        "detail": lambda: f"/api/claims/{rng.randint(1, max_id)}/",
    }


def measure(client: Client, make_path, count: int, expect: int = 200) -> tuple[list[float], list[float]]:
    """Each request's time from here, and the time its SQL took inside the server."""
    times, sql = [], []
    for i in range(count + 20):
        status, body, ms, sql_ms = client.get(make_path())
        if status != expect:
            raise SystemExit(f"{make_path()} answered {status}: {body[:300]!r}")
        if i >= 20:  # warm-up excluded
            times.append(ms)
            sql.append(sql_ms or 0.0)
    return times, sql


def throughput(token: str, seconds: float, threads: int) -> float:
    done = [0] * threads
    stop = time.monotonic() + seconds

    def run(n: int) -> None:
        client = Client(token)
        while time.monotonic() < stop:
            client.get("/api/claims/?state=published&kind=direct&checkworthiness_min=0.5")
            done[n] += 1

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(done) / seconds


def raw_sql(url: str, max_id: int, count: int) -> dict[str, list[float]]:
    """The statements the API runs for each request, straight through psycopg (no Django, no HTTP)."""
    os.environ.update(
        {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DJANGO_DEBUG": "0"}
    )
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from claims.api.filters import ClaimFilter
    from claims.api.representations import appearance_rows
    from claims.api.views import claims_with_everything

    class Staff(AnonymousUser):
        is_authenticated = True

    rng = random.Random(7)
    params = {
        "list": lambda: {"state": "published", "kind": "direct", "checkworthiness_min": "0.5"},
        "search": lambda: {"q": rng.choice(WORDS)},
        "detail": lambda: None,
    }
    out: dict[str, list[float]] = {}
    with connection.cursor() as cursor:
        for name, make in params.items():
            times = []
            for i in range(count + 20):
                p = make()
                base = claims_with_everything(Staff())
                if p is None:
                    qs = base.filter(pk=rng.randint(1, max_id))
                else:
                    qs = ClaimFilter(p, queryset=base).qs.order_by("-pk")[:51]
                sql, sql_params = qs.query.sql_with_params()
                # Only the database round trips are timed, not building the statements.
                started = time.perf_counter()
                cursor.execute(sql, sql_params)
                ids = [row[0] for row in cursor.fetchall()]
                ms = (time.perf_counter() - started) * 1000
                if ids:
                    a_sql, a_params = appearance_rows(ids).query.sql_with_params()
                    started = time.perf_counter()
                    cursor.execute(a_sql, a_params)
                    cursor.fetchall()
                    ms += (time.perf_counter() - started) * 1000
                if i >= 20:
                    times.append(ms)
            out[name] = times
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true", help="drop and regenerate the dataset")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        print("api_load: skipped: set DATABASE_URL to PostgreSQL")
        return 0
    url = bench_database(database)
    ensure_data(url, args.generate)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "0",
        "CLAIMS_API_USER_RATE": "10000000/minute",
        "CLAIMS_SERVER_TIMING": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    token = (
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group;"
                "from claims.models import ApiToken;"
                "u, _ = get_user_model().objects.get_or_create(username='bench', defaults={'is_staff': True});"
                # An editor's token: it reads drafts too (the detail scenario asks for any claim).
                "u.groups.add(Group.objects.get(name='Editor'));"
                "u.api_tokens.filter(name='bench').delete();"
                "print(ApiToken.objects.issue(user=u, name='bench').key)",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    import psycopg

    with psycopg.connect(urlunsplit(urlsplit(url)._replace(scheme="postgresql"))) as conn:
        max_id, claims = conn.execute("SELECT max(id), count(*) FROM claims_claim").fetchone()
    # Both passes read the same random claims; whichever ran first would read them from disk and
    # the second from memory. One unmeasured pass first puts them on an equal footing.
    raw_sql(url, max_id, args.requests)
    # The server's own log (a warning for each of the floor's 404s among it) goes to a file.
    server_log_path = ROOT / "var" / "bench-api-server.log"
    server_log_path.parent.mkdir(exist_ok=True)
    server_log = server_log_path.open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    print(f"(the server's log: {server_log_path.relative_to(ROOT)})")
    try:
        for _ in range(100):
            try:
                if Client(token).get("/api/ratings/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        print(
            f"== API on {claims:,} claims: gunicorn, 2 workers, measured from another process over loopback"
        )
        results, server_sql = {}, {}
        client = Client(token)
        for name, make in scenarios(max_id).items():
            times, server_sql[name] = measure(client, make, args.requests)
            results[name] = times
            p50, p95 = percentile(times, 50), percentile(times, 95)
            verdict = "meets" if p95 <= GOALS[name] else "misses"
            print(
                f"  {name:7} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({verdict} the {GOALS[name]} ms p95 goal); "
                f"its SQL p50 {percentile(server_sql[name], 50):.1f} ms, the token's lookup included",
                flush=True,
            )
        rps = throughput(token, args.seconds, threads=4)
        print(f"  list    {rps:.0f} requests/s with 4 concurrent clients over {args.seconds:g}s")
        # The least any request to this server costs: HTTP over loopback, gunicorn and Django's
        # middleware, with no view, no authentication and no SQL (the URL matches nothing).
        floor, _ = measure(client, lambda: "/api/no-such-resource/", args.requests, expect=404)
        print(f"  floor   p50 {percentile(floor, 50):6.1f} ms  (a request no URL matches: no view, no SQL)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
    print("== The same statements in raw SQL (psycopg, no Django, no HTTP)")
    raw = raw_sql(url, max_id, args.requests)
    floor_p50 = percentile(floor, 50)
    summary = {}
    for name, times in raw.items():
        api_p50 = percentile(results[name], 50)
        raw_p50 = percentile(times, 50)
        ratio = api_p50 / raw_p50 if raw_p50 else float("inf")
        # No view served through this stack can take less than the floor plus its own SQL.
        least = (floor_p50 + raw_p50) / raw_p50 if raw_p50 else float("inf")
        summary[name] = {
            "api_p50": api_p50,
            "api_p95": percentile(results[name], 95),
            "raw_p50": raw_p50,
            "ratio": ratio,
            "least_ratio": least,
            "api_sql_p50": percentile(server_sql[name], 50),
        }
        print(
            f"  {name:7} raw p50 {raw_p50:6.1f} ms  API/raw {ratio:4.1f}x  ({'meets' if ratio <= 2 else 'misses'} "
            f"the 2x goal; floor + raw alone would be {least:3.1f}x)"
        )
    print(
        json.dumps(
            {"requests_per_second": round(rps, 1), "floor_p50": floor_p50, **summary},
            default=lambda v: round(v, 2),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
