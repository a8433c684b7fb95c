"""Store articles and what the extractor found in them: sources, speakers (whom each name means is
claims.identity.resolution's decision), claims, appearances. The store runs no extraction: the
findings come with the articles, read beforehand (claims.ingest.pipeline).

Everything here works on a batch of articles at once: one read and one write per table for the
whole batch, not per article, because at ingestion rates the fixed cost of each statement (in
Django, the driver and PostgreSQL) costs more than the rows themselves. A batch gives the same
result as storing its articles one after the other: a claim the batch's second article repeats
is the first one's claim, a variant of it is merged into it, and a wire copy of an article
earlier in the batch reuses that article's claims.

Every function must run inside a transaction, and all are idempotent: storing the same article
again adds nothing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from django.db.models import Q

from claims import extraction
from claims.extraction import transcripts
from claims.identity.aliases import add_short_forms
from claims.identity.names import name_key
from claims.identity.resolution import speakers_for
from claims.inserts import insert_missing_rows
from claims.models import Appearance, Claim, Publisher, PublisherDomain, Source, Speaker, Turn
from claims.store import language, matching, neardup, similarity
from claims.store.incoming import Article, Incoming
from claims.store.urls import canonical_url

_NOT_WORD = re.compile(r"[^\w]+")

# What the extractor finds in a text published on a date: the store is handed it (by
# claims.ingest.pipeline) rather than running the engine itself.
Extract = Callable[[str, date | None], list[extraction.ExtractedClaim]]


@dataclass(slots=True)
class Added:
    """What storing created for one source: claims, their appearances, and speakers."""

    claims: int = 0
    appearances: int = 0
    speakers: int = 0

    def __add__(self, other: "Added") -> "Added":
        return Added(
            self.claims + other.claims, self.appearances + other.appearances, self.speakers + other.speakers
        )


@dataclass(frozen=True, slots=True)
class Stored:
    """One article stored: its source, and what storing it created (nothing for an article
    already stored, or stored earlier in the same batch)."""

    source_id: int
    added: Added


@dataclass(slots=True)
class Extracted:
    """A stored source and the extractor's findings in it; `new`: the source was just created."""

    source: Source
    found: list[extraction.ExtractedClaim]
    new: bool = False
    added: Added = field(default_factory=Added)


def claims_in(found: list[extraction.ExtractedClaim]) -> int:
    """How many claims these findings make at most: one for each statement, speaker (by the name
    written) and stance, as fingerprints count them; the same words said again are one claim.
    Storing may make fewer (two names for one speaker, a variant of a known claim), never more."""
    return len(
        {
            Claim.fingerprint_of(
                text=claim.statement,
                speaker_key=name_key(claim.speaker.name)
                if claim.speaker is not None and claim.speaker.name
                else "",
                stance=claim.stance,
            )
            for claim in found
        }
    )


def store_articles(items: list[Incoming], *, extract: Extract) -> list[Stored]:
    """Store articles and their claims; for each, what was created. An article already stored (or
    twice in `items`) creates nothing. An item's findings (`found`) are used when they are for
    the text stored; otherwise (none given, or the source was stored earlier with other white
    space or another date) `extract` reads the stored text."""
    keys = [_publisher_key(item) for item in items]
    publishers: dict[tuple[str, str, int | None], Publisher | None] = {}
    for item, key in zip(items, keys, strict=True):
        if key not in publishers:
            publishers[key] = _publisher(item.article.publisher, item.url, hint=item.publisher)
    sources = _sources(items, [publishers[key] for key in keys])
    neardup.record([source for source, created in sources if created])
    store_turns(
        new=[
            (source, item.article) for item, (source, created) in zip(items, sources, strict=True) if created
        ]
    )
    batch: dict[int, Extracted] = {}
    for item, (source, created) in zip(items, sources, strict=True):
        if source.pk not in batch:
            same_input = source.text == item.article.text and source.published_on == item.article.published
            if item.found is not None and same_input:
                found = item.found
            else:
                found = extract(source.text, source.published_on)
            batch[source.pk] = Extracted(source, found, new=created)
    store_extracted_many(list(batch.values()))
    out, seen = [], set()
    for source, _ in sources:
        out.append(Stored(source.pk, Added() if source.pk in seen else batch[source.pk].added))
        seen.add(source.pk)
    return out


def store_extracted(
    *, source: Source, found: list[extraction.ExtractedClaim], new_source: bool = False
) -> Added:
    """Store what the extractor found in `source`; what that created."""
    item = Extracted(source, found, new=new_source)
    store_extracted_many([item])
    return item.added


def store_extracted_many(batch: list[Extracted]) -> None:
    """Store what the extractor found in each source (distinct sources), setting what each item
    added: speakers and claims that are missing, and an appearance for each span without one.
    A wire copy whose original is in the same batch is stored after it, to reuse its claims."""
    in_batch = {item.source.pk for item in batch}
    copies = [item for item in batch if item.source.near_duplicate_of_id in in_batch]
    for wave in ([item for item in batch if item not in copies], copies):
        if wave:
            _store_wave(wave)


def _store_wave(batch: list[Extracted]) -> None:
    # Republished wire copy: a quotation the original already has is that claim, even when this
    # copy names the speaker differently ("Smith" for "John Smith").
    twins = _claims_in(
        {i.source.near_duplicate_of_id for i in batch if i.source.near_duplicate_of_id is not None}
    )
    reused: dict[int, Claim] = {}
    for item in batch:
        original = item.source.near_duplicate_of_id
        theirs = twins.get(original, {}) if original is not None else {}
        reused.update({id(c): theirs[_words(c.text)] for c in item.found if _words(c.text) in theirs})

    wanted_speakers: dict[str, tuple[str, str]] = {}
    roles: dict[str, str] = {}
    first_named_in: dict[str, int] = {}  # name key: the batch's first article naming it
    for number, item in enumerate(batch):
        for claim in item.found:
            mention = claim.speaker
            if id(claim) not in reused and mention and mention.name and (key := name_key(mention.name)):
                wanted_speakers.setdefault(key, (mention.name, mention.kind or Speaker.Kind.PERSON))
                first_named_in.setdefault(key, number)
                if mention.role:
                    roles.setdefault(key, mention.role)
    speakers, new_speakers = speakers_for(wanted=wanted_speakers, roles=roles, first_named_in=first_named_in)
    # "VB" for Vossberg: the short forms the articles spelled out become the speakers' aliases.
    short_forms: dict[int, set[str]] = {}
    for item in batch:
        for claim in item.found:
            mention = claim.speaker
            if (
                mention
                and mention.aliases
                and mention.name
                and (found := speakers.get(name_key(mention.name)))
            ):
                short_forms.setdefault(found.pk, set()).update(mention.aliases)
    if short_forms:
        add_short_forms(found=short_forms)

    existing_spans: set[tuple[int, int, int]] = set()
    stored_before = [item.source.pk for item in batch if not item.new]
    if stored_before:
        existing_spans.update(
            Appearance.objects.filter(source_id__in=stored_before).values_list("source_id", "start", "end")
        )

    # Each finding not reused: its speaker and the fingerprint of the claim it is. A finding
    # where the source already has an appearance makes no claim: that place is taken (by an
    # editor's corrected claim, say), and a claim created for it would have no appearance at all.
    identity: dict[int, tuple[Speaker | None, str]] = {}
    rows: dict[str, _Row] = {}
    for number, item in enumerate(batch):
        for claim in item.found:
            if (item.source.pk, claim.start, claim.end) in existing_spans:
                continue
            if id(claim) not in reused:
                mention = claim.speaker
                speaker = (
                    speakers.get(name_key(mention.name)) if mention is not None and mention.name else None
                )
                fingerprint = Claim.fingerprint_of(
                    text=claim.statement, speaker_key=speaker.name_key if speaker else "", stance=claim.stance
                )
                identity[id(claim)] = (speaker, fingerprint)
                rows.setdefault(fingerprint, _Row(claim, speaker, number))
    claims_by_fp, new_claims, decisions = _upsert_claims(rows)

    new_appearances = []
    counted_speakers: set[str] = set()
    counted_claims: set[str] = set()
    for item in batch:
        item.added = Added()
        for claim in item.found:
            span = (item.source.pk, claim.start, claim.end)
            if span in existing_spans:
                continue
            existing_spans.add(span)
            match_score: float | None
            if id(claim) in reused:
                stored = reused[id(claim)]
                match_score, match_reason = 1.0, "the same words in the story this one republishes"
            else:
                speaker, fingerprint = identity[id(claim)]
                stored = claims_by_fp[fingerprint]
                decision = decisions.get(fingerprint)
                match_score, match_reason = (decision.score, decision.reason) if decision else (None, "")
                if fingerprint in new_claims and fingerprint not in counted_claims:
                    counted_claims.add(fingerprint)
                    item.added.claims += 1
                if speaker and speaker.name_key in new_speakers and speaker.name_key not in counted_speakers:
                    counted_speakers.add(speaker.name_key)
                    item.added.speakers += 1
            new_appearances.append(_appearance(item.source, claim, stored, match_score, match_reason))
    by_source = {item.source.pk: item for item in batch}
    for _, source_id in insert_missing_rows(Appearance, new_appearances, ["source"]):
        by_source[source_id].added.appearances += 1


@dataclass(frozen=True, slots=True)
class _Row:
    """A statement to store as a claim: its first finding, speaker and article (index in the batch)."""

    claim: extraction.ExtractedClaim
    speaker: Speaker | None
    article: int


def _appearance(
    source: Source,
    claim: extraction.ExtractedClaim,
    stored: Claim,
    match_score: float | None,
    match_reason: str,
) -> Appearance:
    mention = claim.speaker
    return Appearance(
        claim=stored,
        source=source,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        parts=[list(p) for p in claim.parts],
        speaker_mention=(mention.text if mention else "")[:300],
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        speaker_kind=(mention.kind or "") if mention else "",
        role=((mention.role or "") if mention else "")[:300],
        cue=(claim.cue or "")[:100],
        stance=str(claim.stance),
        said_on=claim.said_on,
        said_on_basis=claim.said_on_basis,
        match_score=match_score,
        match_reason=match_reason[:200],
        timecode=claim.timecode,
        **provenance(claim),
    )


def provenance(claim: extraction.ExtractedClaim) -> dict[str, str]:
    """What an appearance records of how it was found: the engine's rule and how its speaker was
    resolved (re-extraction gives them to appearances kept from before)."""
    mention = claim.speaker
    return {"rule": claim.rule[:40], "resolution": ((mention.resolution or "") if mention else "")[:300]}


def _words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def _claims_in(source_ids: set[int]) -> dict[int, dict[str, Claim]]:
    """{source id: {a quotation's words: its claim}} for the appearances in these sources."""
    out: dict[int, dict[str, Claim]] = {pk: {} for pk in source_ids}
    if source_ids:
        for appearance in Appearance.objects.filter(source_id__in=source_ids).select_related("claim"):
            out[appearance.source_id][_words(appearance.text)] = appearance.claim
    return out


# --- Publishers and sources ---------------------------------------------------------------
def _domain(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""


def _publisher_key(item: Incoming) -> tuple[str, str, int | None]:
    return item.article.publisher, _domain(item.url), item.publisher.pk if item.publisher else None


def _publisher(name: str, url: str, hint: Publisher | None = None) -> Publisher | None:
    """The publisher of a domain already known; else the feed's (`hint`); else one named after the
    article's credit line or its domain. A new domain is remembered for the publisher chosen."""
    domain = _domain(url)
    if domain:
        known = PublisherDomain.objects.select_related("publisher").filter(domain=domain).first()
        if known:
            return known.publisher
    if hint is not None:
        publisher = hint
    else:
        name = (name or domain).strip()[:200]
        if not name:
            return None
        publisher, _ = Publisher.objects.get_or_create(name=name)
    if domain:
        PublisherDomain.objects.get_or_create(domain=domain, defaults={"publisher": publisher})
    return publisher


@dataclass(frozen=True, slots=True)
class _Keys:
    """What makes two articles one source: the same normalised text, URL or canonical URL."""

    content_hash: str
    url: str | None
    canonical: str | None

    def names(self) -> list[tuple[str, str]]:
        return [
            ("hash", self.content_hash),
            *([("url", self.url)] if self.url else []),
            *([("canonical", self.canonical)] if self.canonical else []),
        ]

    def of(self, stored: dict[tuple[str, str], Source]) -> Source | None:
        """The earliest stored source that any of these keys names."""
        hits = [stored[name] for name in self.names() if name in stored]
        return min(hits, key=lambda s: s.pk, default=None)


def _index(sources: list[Source]) -> dict[tuple[str, str], Source]:
    stored: dict[tuple[str, str], Source] = {}
    for source in sorted(sources, key=lambda s: s.pk):
        keys = _Keys(source.content_hash, source.url, source.canonical_url)
        for name in keys.names():
            stored.setdefault(name, source)
    return stored


def _sources(items: list[Incoming], publishers: list[Publisher | None]) -> list[tuple[Source, bool]]:
    """Each item's source, with True where this call created it: one read of those already stored,
    one insert of the missing (ON CONFLICT DO NOTHING: a concurrent run that stores the same
    article first wins, and its source is read back), one read of what was inserted."""
    # A page sent as it is (not fetched) is known by its canonical link, when it has one.
    addresses = [item.url or item.article.canonical for item in items]
    keys = [
        _Keys(item.article.content_hash, address or None, canonical_url(address) if address else None)
        for item, address in zip(items, addresses, strict=True)
    ]

    def stored() -> dict[tuple[str, str], Source]:
        hashes = {k.content_hash for k in keys}
        urls = {k.url for k in keys if k.url}
        canonicals = {k.canonical for k in keys if k.canonical}
        same = Q(content_hash__in=hashes) | Q(url__in=urls) | Q(canonical_url__in=canonicals)
        # Not the stored page (raw): a fetched page is often a hundred times its text, and
        # storing reads only what finds the source again and what its claims are read from.
        return _index(list(Source.objects.filter(same).only(*_SOURCE_READ)))

    known = stored()
    missing: list[Source] = []
    planned: set[tuple[str, str]] = set()  # an article twice in the batch is inserted once
    for item, publisher, key in zip(items, publishers, keys, strict=True):
        if key.of(known) is None and planned.isdisjoint(key.names()):
            missing.append(_new_source(item, key, publisher))
            planned.update(key.names())
    missing.sort(key=lambda source: source.content_hash)  # a fixed order: concurrent inserts cannot deadlock
    created = {pk for (pk,) in insert_missing_rows(Source, missing, [])}
    if created:
        known = stored()
    out, handed_out = [], set()
    for key in keys:
        source = key.of(known)
        assert source is not None, "a source neither stored nor inserted"
        out.append((source, source.pk in created and source.pk not in handed_out))
        handed_out.add(source.pk)
    return out


_SOURCE_READ = ("content_hash", "url", "canonical_url", "text", "published_on", "near_duplicate_of_id")


def _new_source(item: Incoming, key: _Keys, publisher: Publisher | None) -> Source:
    article = item.article
    return Source(
        url=key.url,
        canonical_url=key.canonical,
        title=article.title,
        authors=article.authors,
        publisher=publisher,
        published_on=article.published,
        language=language.of_source(declared_tag=article.language, text=article.text),
        text=article.text,
        content_hash=key.content_hash,
        raw=item.raw,
        raw_format=article.raw_format,
        media_url=article.media_url[:2000],
        extractor_version=extraction.ENGINE_VERSION,
    )


def store_turns(*, new: list[tuple[Source, Article]], first: int = 0) -> int:
    """The turns of transcripts just stored (or of what was appended to one: numbered from
    `first`), each with the keys of the cues or paragraphs it was read from; how many."""
    rows = []
    for source, article in new:
        keys = iter(article.segment_keys)
        moderating = transcripts.moderators(article.text, list(article.turns)) if article.turns else set()
        for number, turn in enumerate(article.turns, start=first):
            rows.append(
                Turn(
                    source=source,
                    number=number,
                    label=turn.label[:300],
                    start=turn.start,
                    end=turn.end,
                    label_start=turn.label_start,
                    label_end=turn.label_end,
                    timecode=turn.times[0][1] if turn.times else None,
                    times=[list(pair) for pair in turn.times],
                    moderator=turn.moderator if turn.moderator is not None else turn.label in moderating,
                    moderator_known=turn.moderator is not None,
                    noise=turn.noise,
                    segment_keys=[next(keys, "") for _ in range(max(1, turn.segments))],
                )
            )
    Turn.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


# --- Claims --------------------------------------------------------------------------------
def _upsert_claims(
    rows: dict[str, _Row],
) -> tuple[dict[str, Claim], set[str], dict[str, similarity.Decision]]:
    """The claim for each fingerprint: the existing one, an existing variant of the same statement
    (trimmed, re-punctuated, partly quoted: claims.store.matching), a variant from an earlier
    article of the batch, or a new one, indexed. Also the fingerprints of the claims created."""
    if not rows:
        return {}, set(), {}
    keys = sorted(rows)
    before = set(Claim.objects.filter(fingerprint__in=keys).values_list("fingerprint", flat=True))
    new_keys = [fp for fp in rows if fp not in before]  # batch order: earlier articles first
    statements = [(rows[fp].claim.statement, _speaker_pk(rows[fp].speaker)) for fp in new_keys]
    matches = matching.best_matches(statements)
    matched = {fp: m for fp, m in zip(new_keys, matches, strict=True) if m is not None}
    # A variant is the same claim only in the same stance: "denied X" is not a variant of "X".
    stances = dict(
        Claim.objects.filter(pk__in={m.claim_id for m in matched.values()}).values_list("pk", "stance")
    )
    matched = {fp: m for fp, m in matched.items() if stances.get(m.claim_id) == rows[fp].claim.stance}
    # What storing the articles one by one would have merged: a variant of a statement that an
    # earlier article of this batch brings (a claim that does not exist yet).
    unmatched = [fp for fp in new_keys if fp not in matched]
    earlier = matching.variants_among(
        [(rows[fp].claim.statement, _speaker_pk(rows[fp].speaker), rows[fp].article) for fp in unmatched]
    )
    within = {
        fp: (unmatched[m[0]], m[1])
        for fp, m in zip(unmatched, earlier, strict=True)
        if m is not None and rows[unmatched[m[0]]].claim.stance == rows[fp].claim.stance
    }
    missing = [
        Claim(
            text=rows[fp].claim.statement,
            speaker=rows[fp].speaker,
            kind=rows[fp].claim.kind,
            stance=str(rows[fp].claim.stance),
            checkworthiness=min(1.0, max(0.0, rows[fp].claim.checkworthiness)),
        )
        for fp in sorted(unmatched)  # a fixed order: concurrent inserts cannot deadlock
        if fp not in within
    ]
    for claim in missing:
        claim.rekey()  # the key of its row: the same text, speaker and stance
    created = {fp for _, fp in insert_missing_rows(Claim, missing, ["fingerprint"])}
    # What the appearances, the anchor index and paraphrase links read of them: loading whole
    # claims, some thirty an article, cost the worker more than inserting them.
    claims = {c.fingerprint: c for c in Claim.objects.filter(fingerprint__in=keys).only(*_READ_BACK)}
    new = [c for fp, c in claims.items() if fp in created]
    matching.index((c.pk, c.text, c.speaker_id) for c in new)
    matching.link_paraphrases(new)
    if matched:
        variants = Claim.objects.only(*_READ_BACK).in_bulk({m.claim_id for m in matched.values()})
        claims.update({fp: variants[m.claim_id] for fp, m in matched.items()})
    claims.update({fp: claims[first] for fp, (first, _) in within.items()})
    decisions = {fp: m.decision for fp, m in matched.items()} | {fp: d for fp, (_, d) in within.items()}
    return claims, created, decisions


_READ_BACK = ("fingerprint", "text", "speaker_id", "kind")


def _speaker_pk(speaker: Speaker | None) -> int | None:
    return speaker.pk if speaker else None
