"""A growing transcript, timed: from a turn appended to a live caption file to its statement and
its "already checked?" matches on the review page.

    python bench/transcript_append.py [--turns 60] [--checked ../shared/eval/claim-retrieval/verified-claims.jsonl]

A fresh database (SQLite, or PostgreSQL when DATABASE_URL names one) holds the CLEF-2020 verified
claims as published fact checks (as bench/retrieval.py loads them; skipped without them: a few
made-up ones then). A WebVTT file of a debate grows by one cue at a time; after each, the whole
file goes to the append path (POST /api/sources/<id>/append/, the job run in this process, as a
worker runs it) and the review page is fetched. Reported: the time from the append to the page
that shows the new statement with its matches (p50, p95, max), and how many turns the file had.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from retrieval import EVAL, fresh_database, load  # noqa: E402

LINES = [
    ("Rafael Tovar", "The harbour tolls fell by {n} percent in 2023, the lowest in a decade."),
    ("Ada Quill", "The ferry budget doubled to ${n} million while 3 of 7 ferries stopped running."),
    ("Rafael Tovar", "Unemployment in Riverton fell to {n} percent, and 2,000 jobs came to the harbour."),
    ("Ada Quill", "I never said that the bridge would cost {n} million dollars."),
]


def cue(number: int) -> str:
    speaker, words = LINES[number % len(LINES)]
    start = number * 6
    return (
        f"\n{start // 60:02d}:{start % 60:02d}.000 --> {(start + 5) // 60:02d}:{(start + 5) % 60:02d}.000\n"
        f"<v {speaker}>{words.format(n=10 + number)}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--checked", type=Path, default=EVAL / "verified-claims.jsonl")
    parser.add_argument(
        "--checks", type=int, default=1000, help="how many of them to load (indexing takes time)"
    )
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = fresh_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from claims.curation import checked
    from claims.ingest import jobs, submission
    from claims.models import Appearance, IngestJob

    call_command("migrate", verbosity=0)
    corpus = (
        [{"claim": c["claim"], "title": c.get("title") or ""} for c in load(args.checked)[: args.checks]]
        if args.checked.exists()
        else [{"claim": words.format(n=40), "title": ""} for _, words in LINES]
    )
    checked.import_checked(items=[checked.Checked(c["claim"], c["title"]) for c in corpus])
    admin = User.objects.create_superuser("bench", "bench@example.org", "bench-password-0")
    client = Client(HTTP_HOST="127.0.0.1")  # a host the local settings allow
    client.force_login(admin)
    caption = "WEBVTT\n" + cue(0)
    first = submission.submit_text(caption, kind=IngestJob.Kind.TRANSCRIPT, enqueue=False)
    jobs.run_inline(first.pk)
    first.refresh_from_db()
    source = first.source
    page = f"/admin/claims/source/{source.pk}/review/"
    client.get(page)  # the encoder and the index loaded once
    timings = []
    for number in range(1, args.turns):
        caption += cue(number)
        started = time.perf_counter()
        job = submission.submit_append(source=source, data=caption.encode(), enqueue=False)
        jobs.run_inline(job.pk)
        html = client.get(page).content.decode()
        timings.append(time.perf_counter() - started)
        newest = Appearance.objects.filter(source=source).order_by("-start").first()
        assert newest is not None and newest.timecode == number * 6, "the new turn's statement is missing"
        assert "Already checked?" in html
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"{len(corpus):,} fact checks in the record; {args.turns} turns appended one at a time to a WebVTT file "
        f"({os.environ['DATABASE_URL'].split(':')[0]})"
    )
    print(
        f"append to review page: p50 {statistics.median(timings) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {timings[-1] * 1000:.0f} ms (the page at {args.turns} turns)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
