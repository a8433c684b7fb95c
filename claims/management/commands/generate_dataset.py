"""python manage.py generate_dataset [--claims N ...]: a realistic dataset for scale tests, fast.

PostgreSQL: COPY in batches (a million claims in minutes). Other databases: bulk inserts, for
small sizes only. Appearances' offsets index their source's text, so highlighting works.
Refuses to run on a database that already has claims unless --force.

Every claim gets its search entry (claims.retrieval), so that search can be measured at scale:
the document is written as index_claims writes it, but the embedding is not the model's reading
of that claim (a million would take hours to encode here). Each generated sentence follows one of
2,700 templates (subject, verb, second subject); each template used is encoded once, and each
claim's vector is its template's with a little noise (a cosine of about 0.95 to it), so that the
vectors cluster as paraphrases do. `index_claims` is not needed; --no-search leaves them out.
"""

import hashlib
import random
import re
import time
from datetime import UTC, date, datetime, timedelta

import numpy as np
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from claims import retrieval
from claims.identity.names import surname_key
from claims.models import Appearance, Claim, ClaimSearchEntry, Publisher, Rating, Source, Speaker
from claims.retrieval import dense, lexical
from claims.retrieval.embeddings import MODEL_NAME, encoder

FIRST = (
    "Helena Tomas Ruth Daniel Amal Carlos Ingrid Marta Owen Priya Jonas Lena Omar Wendy Peter Lucia".split()
)
LAST = "Varga Brenner Okafor Whitcombe Rahimi Mendes Solberg Keller Ashdown Novak Haddad Sherman Haas Ferrante".split()
TOPICS = "budget harbour treaty fuel prices hospital rail fares schools taxes pensions housing police water trade".split()
VERBS = "rose fell doubled halved will cut will raise has cost created lost saved spent".split()
SLOT = 300  # characters of source text per appearance slot
SLOTS = 8
START = datetime(2021, 1, 1, tzinfo=UTC)
TEMPLATE = re.compile(r'^"Spending on (\w+) (.+?) by \d+ percent since \d+, and (\w+) is next')
NOISE = 0.33  # the norm of the noise added to a template's unit vector: a cosine of about 0.95


def sentence(rng: random.Random, i: int) -> str:
    topic, other = rng.choice(TOPICS), rng.choice(TOPICS)
    return (
        f'"Spending on {topic} {rng.choice(VERBS)} by {rng.randint(2, 95)} percent since {rng.randint(1990, 2024)}, '
        f'and {other} is next," statement {i}'
    )[:190]


class Command(BaseCommand):
    help = "Generate publishers, speakers, sources, claims and appearances for scale tests."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=1_000_000)
        parser.add_argument("--speakers", type=int, default=100_000)
        parser.add_argument("--sources", type=int, default=200_000)
        parser.add_argument("--appearances", type=int, default=1_500_000)
        parser.add_argument("--publishers", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="add to a database that has claims already")
        parser.add_argument("--no-search", action="store_true", help="write no search entries")
        parser.add_argument(
            "--published-share",
            type=float,
            default=0.1,
            help="the share of claims published (the rest are drafts, reviewed or rejected)",
        )

    def handle(
        self,
        *args,
        claims,
        speakers,
        sources,
        appearances,
        publishers,
        seed,
        force,
        no_search,
        published_share,
        **options,
    ):
        if not 0 <= published_share <= 1:
            raise CommandError("--published-share is a share: from 0 to 1")
        self.published_share = published_share
        if appearances < claims:
            raise CommandError("--appearances must be at least --claims: every claim appears somewhere")
        if appearances > sources * SLOTS:
            raise CommandError(f"--appearances is limited to {SLOTS} per source: raise --sources")
        if Claim.objects.exists() and not force:
            raise CommandError("This database has claims already; use --force to add to them.")
        self.rng = random.Random(seed)
        self.started = time.monotonic()
        self.postgres = connection.vendor == "postgresql"
        base = {
            m: (m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
            for m in (Publisher, Speaker, Source, Claim)
        }
        ratings: list[int | None] = [*Rating.objects.values_list("pk", flat=True)] or [None]
        with transaction.atomic():
            if self.postgres:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
            self._copy(
                Publisher,
                ["id", "name", "created_at"],
                publishers,
                lambda i: (base[Publisher] + i, f"Generated News {base[Publisher] + i}", START),
            )
            self._copy(
                Speaker,
                ["id", "kind", "name", "name_key", "surname_key", "aliases", "description", "created_at"],
                speakers,
                lambda i: self._speaker(base[Speaker] + i),
            )
            self._copy(
                Source,
                [
                    "id",
                    "url",
                    "title",
                    "authors",
                    "publisher_id",
                    "published_on",
                    "language",
                    "text",
                    "content_hash",
                    "raw",
                    "raw_format",
                    "extractor_version",
                    "media_url",
                    "created_at",
                ],
                sources,
                lambda i: self._source(base[Source] + i, base[Publisher], publishers),
            )
            self._copy(
                Claim,
                [
                    "id",
                    "text",
                    "fingerprint",
                    "speaker_id",
                    "kind",
                    "state",
                    "verdict_id",
                    "verdict_explanation",
                    "headline",
                    "checkworthiness",
                    "first_seen",
                    "reviewed_at",
                    "published_at",
                    "notes",
                    "updated_at",
                ],
                claims,
                lambda i: self._claim(base[Claim] + i, base[Speaker], speakers, ratings),
            )
            self._copy(
                Appearance,
                [
                    "claim_id",
                    "source_id",
                    "text",
                    "start",
                    "end",
                    "parts",
                    "speaker_mention",
                    "role",
                    "cue",
                    "said_on",
                    "match_reason",
                    "rule",
                    "resolution",
                    "created_at",
                ],
                appearances,
                lambda j: self._appearance(j, base[Claim], claims, base[Source], sources),
            )
            if not no_search:
                self._search_entries(base[Claim])
        if self.postgres:
            with connection.cursor() as cursor:
                for table in (
                    "claims_publisher",
                    "claims_speaker",
                    "claims_source",
                    "claims_claim",
                    "claims_appearance",
                ):
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                    )
                    # VACUUM as autovacuum would have by then: index-only scans need the visibility
                    # map. Not inside a transaction (tests run it in one), where it cannot run.
                    vacuum = "" if connection.in_atomic_block else "VACUUM "
                    cursor.execute(f"{vacuum}ANALYZE {table}")
                # The search entries too (their lexical stage reads the heap of every row its
                # words match until the visibility map says the page is all visible).
                cursor.execute(f"{vacuum}ANALYZE {ClaimSearchEntry._meta.db_table}")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - self.started:.0f}s."))

    # --- rows -----------------------------------------------------------------------
    def _speaker(self, pk: int) -> tuple:
        name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)} {pk}"
        kind = "person" if pk % 10 else "organisation"
        return (pk, kind, name, name.lower(), surname_key(name), "[]", "", START)

    def _source(self, pk: int, publisher_base: int, publishers: int) -> tuple:
        published = date(2021, 1, 1) + timedelta(days=pk % 1800)
        # Each appearance slot holds one claim's text at a fixed offset (see _appearance).
        text = "".join(f"Paragraph {k} of story {pk}. ".ljust(SLOT, ".") for k in range(SLOTS))
        return (
            pk,
            f"https://generated.example/{pk}",
            f"Generated story {pk}",
            "[]",
            publisher_base + 1 + pk % publishers,
            published,
            "en",
            text,
            hashlib.sha256(f"source-{pk}".encode()).hexdigest(),
            "",
            "text",
            "generated",
            "",
            START,
        )

    def _claim(self, pk: int, speaker_base: int, speakers: int, ratings: list) -> tuple:
        rng = self.rng
        roll = rng.random()
        # Published: the top `published_share` of rolls; the rest keep the drafts' proportions.
        roll = 1.0 if roll >= 1 - self.published_share else roll * 0.9 / max(1 - self.published_share, 1e-9)
        state = (
            "new"
            if roll < 0.7
            else "accepted"
            if roll < 0.8
            else "rejected"
            if roll < 0.85
            else "reviewed"
            if roll < 0.9
            else "published"
        )
        rated = state in ("reviewed", "published")
        seen = START + timedelta(seconds=pk * 60)
        return (
            pk,
            sentence(rng, pk),
            hashlib.sha256(f"claim-{pk}".encode()).hexdigest(),
            speaker_base + 1 + rng.randrange(speakers),
            rng.choice(["direct", "direct", "indirect", "mixed", "assertion"]),
            state,
            rng.choice(ratings) if rated else None,
            "Checked against the public record." if rated else "",
            "",
            round(rng.random(), 3),
            seen,
            seen + timedelta(days=1) if rated else None,
            seen + timedelta(days=2) if state == "published" else None,
            "",
            seen,
        )

    def _appearance(self, j: int, claim_base: int, claims: int, source_base: int, sources: int) -> tuple:
        # Appearance j: the first `claims` give every claim one; the rest repeat random claims.
        claim = claim_base + 1 + (j if j < claims else self.rng.randrange(claims))
        source, slot = source_base + 1 + j % sources, j // sources
        start = slot * SLOT
        return (
            claim,
            source,
            f"Paragraph {slot} of story {source}.",
            start,
            start + len(f"Paragraph {slot} of story {source}."),
            "[]",
            "",
            "",
            "said",
            date(2021, 1, 1) + timedelta(days=j % 1800),
            "",
            "content-then-cue",
            "named as written",
            START,
        )

    def _search_entries(self, claim_base: int) -> None:
        rows = (
            Claim.objects.filter(pk__gt=claim_base)
            .order_by("pk")
            .values_list("pk", "text", "speaker__name", "headline")
            .iterator(chunk_size=20_000)
        )
        templates: dict[str, np.ndarray] = {}
        noise = np.random.default_rng(self.rng.randrange(2**32))
        batch: list[tuple] = []
        done = 0
        for row in rows:
            batch.append(row)
            if len(batch) == 50_000:
                done += self._write_entries(batch, templates, noise)
                batch = []
                self._progress("claims_claimsearchentry", done)
        if batch:
            done += self._write_entries(batch, templates, noise)
            self._progress("claims_claimsearchentry", done)

    def _write_entries(self, rows: list[tuple], templates: dict[str, np.ndarray], noise) -> int:
        keys = []
        for _, text, _, _ in rows:
            found = TEMPLATE.match(text)
            keys.append(
                f'"Spending on {found[1]} {found[2]} by 10 percent since 2010, and {found[3]} is next,"'
                if found
                else text
            )
        unseen = sorted({k for k in keys if k not in templates})
        templates.update(zip(unseen, encoder().encode(unseen), strict=True))
        vectors = np.array([templates[k] for k in keys], dtype=np.float32)
        vectors += noise.standard_normal(vectors.shape, dtype=np.float32) * (
            NOISE / np.sqrt(vectors.shape[1])
        )
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        entries = [
            (
                pk,
                retrieval.document(text=text, speaker=speaker, headline=headline),
                dense.to_bytes(v),
                MODEL_NAME,
                START,
            )
            for (pk, text, speaker, headline), v in zip(rows, vectors, strict=True)
        ]
        columns = ["claim_id", "document", "embedding", "model", "indexed_at"]
        if self.postgres:
            with (
                connection.cursor() as cursor,
                cursor.connection.cursor().copy(
                    f"COPY {ClaimSearchEntry._meta.db_table} ({', '.join(columns)}) FROM STDIN"
                ) as copy,
            ):
                for values in entries:
                    copy.write_row(values)
        else:
            ClaimSearchEntry.objects.bulk_create(
                [ClaimSearchEntry(**dict(zip(columns, values, strict=True))) for values in entries],
                batch_size=2000,
            )
            lexical.write((pk, document) for pk, document, *_ in entries)
        return len(entries)

    def _progress(self, table: str, done: int) -> None:
        self.stdout.write(f"\r{table}: {done:,} rows ({time.monotonic() - self.started:.0f}s)", ending="")
        self.stdout.flush()

    # --- writing --------------------------------------------------------------------
    def _copy(self, model, columns: list[str], count: int, row) -> None:
        table = model._meta.db_table
        batch = 100_000
        for offset in range(0, count, batch):
            # Primary keys count from 1; appearances (whose ids the database assigns) from 0.
            first = 0 if model is Appearance else 1
            rows = [row(i) for i in range(offset + first, min(count, offset + batch) + first)]
            if self.postgres:
                quoted = ", ".join(f'"{c}"' for c in columns)
                with (
                    connection.cursor() as cursor,
                    cursor.connection.cursor().copy(f"COPY {table} ({quoted}) FROM STDIN") as copy,
                ):
                    for values in rows:
                        copy.write_row(values)
            else:
                objs = [model(**dict(zip(columns, values, strict=True))) for values in rows]
                model.objects.bulk_create(objs, batch_size=2000)
            self.stdout.write(
                f"\r{table}: {min(count, offset + batch):,}/{count:,} rows ({time.monotonic() - self.started:.0f}s)",
                ending="",
            )
            self.stdout.flush()
        self.stdout.write("")
