"""Start, stop and kill real `celery worker` processes (used by integration tests and benchmarks)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


class WorkerProcess:
    def __init__(self, env: dict[str, str], queue: str, concurrency: int = 2, log_path: Path | None = None):
        self.env = {**os.environ, **env, "CELERY_QUEUE": queue}
        self.queue = queue
        self.concurrency = concurrency
        self.log_path = log_path or ROOT / "var" / f"worker-{queue}-{time.time_ns()}.log"
        self.process: subprocess.Popen | None = None

    def start(self, ready_timeout: float = 60) -> "WorkerProcess":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                f"{self.queue},{self.queue}-index",  # ingestion's queue and indexing's (config/celery.py)
                "--concurrency",
                str(self.concurrency),
                "--pool",
                "prefork",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{self.queue}-{time.time_ns()}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited with {self.process.returncode}:\n{self.log()}")
            if b" ready." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"celery worker not ready after {ready_timeout}s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def kill(self) -> None:
        """SIGKILL the whole worker: the main process and its pool children, with no warm shutdown."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self, timeout: float = 30) -> None:
        if not self.process or self.process.poll() is not None:
            return
        # The main process only: Celery stops its own pool (warm shutdown).
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database Django is connected to (the test database in tests)."""
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{settings_dict['NAME']}"


def fresh_database(url: str, suffix: str) -> str:
    """Create an empty database `<name>_<suffix>` beside the one `url` names (dropping an old one)
    and return its URL: each benchmark run starts from nothing."""
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'claims'}_{suffix}"
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


# --- CPU accounting (Linux /proc), for benchmarks that ask where the time went -------------
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a live process, or None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # After the command name (which may hold spaces and parentheses): state, ppid, ... utime is
    # field 14 and stime 15 of the whole line.
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS


def cpu_seconds(root_pids: list[int]) -> float:
    """CPU seconds used so far by the live processes under `root_pids` (themselves included)."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            stats[int(entry.name)] = stat
    chosen: set[int] = set()
    frontier = set(root_pids) & set(stats)
    while frontier:
        chosen |= frontier
        frontier = {pid for pid, (ppid, _) in stats.items() if ppid in frontier} - chosen
    return sum(stats[pid][1] for pid in chosen)


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat): what every process used,
    those that have since exited included (a database connection replaced after CONN_MAX_AGE)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / _TICKS
