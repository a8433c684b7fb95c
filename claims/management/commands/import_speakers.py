"""Import a newsroom's own list of speakers (CSV or JSON), so that ingestion attributes to them.

CSV: a header row with `name` and any of `kind` (person or organisation), `aliases` (separated by
`|` or `;`), `wikidata_id`, `description`. JSON: a list of objects with the same keys (`aliases`
a list or a string). A speaker already known by its name, an alias or its Wikidata id is
completed, never duplicated; a bad row is reported with its number and the rest carry on.
"""

import csv
import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from claims.identity.imports import SpeakerRow, import_speaker


def _aliases(value) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part.strip() for part in re.split(r"[|;]", value or "") if part.strip())


def read_rows(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("["):
        data = json.loads(text)
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise CommandError(f"{path}: a JSON list of objects is expected.")
        return data
    rows = list(csv.DictReader(text.splitlines()))
    if rows and "name" not in rows[0]:
        raise CommandError(f"{path}: the CSV header must name a `name` column.")
    return rows


class Command(BaseCommand):
    help = "Import speakers from a CSV or JSON file (name, kind, aliases, wikidata_id, description)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        try:
            rows = read_rows(file)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file} cannot be read: {exc}") from None
        created = updated = failed = 0
        for number, raw in enumerate(rows, start=1):
            try:
                row = SpeakerRow(
                    name=str(raw.get("name") or "").strip(),
                    kind=str(raw.get("kind") or "person").strip().lower(),
                    aliases=_aliases(raw.get("aliases")),
                    wikidata_id=str(raw.get("wikidata_id") or "").strip(),
                    description=str(raw.get("description") or "").strip(),
                )
                _, was_created = import_speaker(row)
            except ValidationError as exc:
                failed += 1
                self.stderr.write(f"row {number}: {' '.join(exc.messages)}")
                continue
            except IntegrityError:
                failed += 1
                self.stderr.write(f"row {number}: its Wikidata id belongs to another speaker.")
                continue
            created += was_created
            updated += not was_created
            if number % 500 == 0:
                self.stdout.write(f"{number:,}/{len(rows):,} rows")
        self.stdout.write(f"{created} created, {updated} completed, {failed} refused, of {len(rows)} rows")
