"""`make run`: everything a fresh machine needs to show the product, in one process tree.

Migrates, creates an admin user, starts a Celery worker (and beat), ingests the demo
articles through that worker, then serves the admin and the API until Ctrl-C.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        # The main process only: Celery stops its own pool; signalling the group would kill the
        # pool children under it and log them as errors.
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _exit_on_signal(signum, frame) -> None:
    # SIGTERM or SIGHUP (a closed terminal, `kill`) must stop the worker and the web server
    # too: they run in sessions of their own, so only this process can stop them.
    raise SystemExit(0)


def main() -> int:
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # The settings' CLAIMS_PUBLIC_BASE_URL defaults to where this serves: every process started
    # here (the worker writing emails and webhook payloads, the web server) reads the same address.
    os.environ["HOST"], os.environ["PORT"] = HOST, PORT
    print("==> Migrating the database", flush=True)
    manage("migrate", "--no-input", "-v", "1")
    admin = subprocess.run(
        [PYTHON, "manage.py", "ensure_admin"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    print(admin.split("\npassword: ")[0].rstrip(), flush=True)
    password = admin.split("\npassword: ")[1].strip() if "\npassword: " in admin else None
    username = os.environ.get("CLAIMS_ADMIN_USER", "admin")
    print("==> Starting a Celery worker (with beat for the job sweeper)", flush=True)
    worker = start(
        PYTHON,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--beat",
        "--loglevel=INFO",
        "--concurrency=2",
        "--schedule",
        str(ROOT / "var" / "celerybeat-schedule"),
    )
    children = [worker]
    try:
        print("==> Ingesting the demo articles through the worker (those not ingested yet)", flush=True)
        demo = sorted(str(p) for p in (ROOT / "demo" / "articles").iterdir() if p.is_file())
        manage("ingest", "--wait", "--skip-ingested", "--timeout", "300", *demo)
        print("==> Serving", flush=True)
        web = start(PYTHON, "manage.py", "runserver", "--noreload", f"{HOST}:{PORT}")
        children.append(web)
        time.sleep(1.5)
        base = f"http://{HOST}:{PORT}"
        if password:
            login = f"user {username}, password {password} (shown on this first run only)"
        else:
            login = (
                f"user {username}, the password printed on the first run. To reset it: "
                f"CLAIMS_ADMIN_PASSWORD=<new> make run, or .venv/bin/python manage.py changepassword {username}"
            )
        print(
            f"\n  Public:   {base}/ (published claims only)\n"
            f"  API:      {base}/api/\n  API docs: {base}/api/docs/\n"
            f"  Admin:    {base}/admin/\n            {login}\n"
            "  Press Ctrl-C to stop.\n",
            flush=True,
        )
        while all(child.poll() is None for child in children):
            time.sleep(1)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for child in reversed(children):
            stop(child)


if __name__ == "__main__":
    sys.exit(main())
