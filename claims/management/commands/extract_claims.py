"""python manage.py extract_claims IN.jsonl OUT.jsonl: the extractor contract of ../shared/eval/README.md.

Needs no running services and never touches the database.
"""

import json
import sys
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import extract

KINDS = ("direct", "mixed", "indirect", "assertion")


class Command(BaseCommand):
    help = "Extract claims from JSONL articles ({id, text, published?}) to JSONL ({id, claims})."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSONL file, or - for standard input")
        parser.add_argument("output", help="JSONL file, or - for standard output")
        parser.add_argument(
            "--kinds",
            default=",".join(KINDS),
            help="comma-separated kinds to output (default: all of %(default)s). Attribution corpora such as "
            "PolNeAR annotate no author assertions: score them with --kinds direct,mixed,indirect",
        )

    def handle(self, *args, input, output, kinds, **options):
        wanted = {kind.strip() for kind in kinds.split(",") if kind.strip()}
        if not wanted or wanted - set(KINDS):
            raise CommandError(f"--kinds takes some of {', '.join(KINDS)}, got {kinds!r}")
        # Read as bytes and decode line by line, so that a line that is not UTF-8 is named.
        source = sys.stdin.buffer if input == "-" else self._open(input, "rb")
        target = sys.stdout if output == "-" else self._open(output, "w")
        started = time.perf_counter()
        count = 0
        try:
            for line_number, raw in enumerate(source, 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise CommandError(
                        f"{input}:{line_number}: not UTF-8 (byte {exc.start + 1} of the line is "
                        f"{raw[exc.start : exc.start + 1]!r}); JSON lines must be UTF-8"
                    ) from None
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    text = record["text"]
                    published = date.fromisoformat(record["published"]) if record.get("published") else None
                except (ValueError, KeyError, TypeError) as exc:
                    raise CommandError(f"{input}:{line_number}: not a valid article record ({exc})") from None
                found = extract(text, published=published, assertions="assertion" in wanted)
                claims = [c.as_contract() for c in found if c.kind in wanted]
                target.write(
                    json.dumps({"id": record.get("id"), "claims": claims}, ensure_ascii=False) + "\n"
                )
                count += 1
                if count % 100 == 0:
                    self.stderr.write(f"{count} articles...")
        finally:
            if target is not sys.stdout:
                target.close()
        elapsed = time.perf_counter() - started
        self.stderr.write(f"{count} articles in {elapsed:.2f}s ({count / elapsed if elapsed else 0:.1f}/s)")

    def _open(self, path: str, mode: str):
        try:
            return open(path, mode) if "b" in mode else open(path, mode, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot open {path}: {exc.strerror}") from None
