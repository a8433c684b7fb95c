"""Stage one: lexical candidates from the database's own full-text engine, ranked there.

PostgreSQL: the stored column search_vector, to_tsvector('english', document), on a GIN index
(migration 0025), queried with the terms OR-ed into a tsquery (each stemmed by to_tsquery
itself) and ranked by ts_rank. ts_rank cannot use the index to order: it is computed for every
row a query matches, and a word found in a tenth of a million claims would have it computed a
hundred thousand times (300 ms). So only the query's discriminating words pick candidates: those
the table's statistics (pg_stats, kept by ANALYZE) say occur in at most CANDIDATE_ROWS rows. A
word more common than that says little about which claim is meant: it picks none, and counts in
the rank of the candidates found (by the rarer words and by the embeddings, which carry a query
of common words alone: `rank` scores the dense stage's candidates). Even a bounded list of the
rows holding two common words costs the index the whole intersection of their posting lists
(15-30 ms for two words each in a tenth of a million claims), for candidates the index picks in
its own order: noise among a hundred thousand near-equals.
SQLite: an FTS5 table with the porter stemmer, queried with the quoted terms OR-ed and ranked by
bm25(). Elsewhere (no engine): no lexical stage; the dense stage still answers.

Both engines draw candidates only among the claims a search may return (`among`: the caller's
visible claims and filters, as SQL joined into the match), never among all of them and then keep
the visible: a record holding a thousand drafts for each published fact check would otherwise
rank only drafts.

Scores are the engine's own (higher is better); the service normalises them per query.
"""

import threading
import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

FTS_TABLE = "claims_claimsearch_fts"
# ts_rank, not ts_rank_cd: on the CLEF-2020 train tweets (10,190 claims) it ranks nearly as well
# (fused MAP@5 0.877 against 0.880) in half the time (66 against 114 ms a search), since it does
# not walk every match's word positions.
PG_RANK = "ts_rank"
# The most rows a word may occur in and still pick candidates (see above); ts_rank takes about
# a millisecond a thousand rows here. Below this many claims in all, every word does.
CANDIDATE_ROWS = 5000
STATISTICS_TTL = 600.0  # seconds this process trusts what it read of pg_stats
ENTRIES = "claims_claimsearchentry"


def write(entries: Iterable[tuple[int, str]]) -> None:
    """Keep the engine's index in step with these (claim id, document) pairs. PostgreSQL's GIN
    index follows the entries' table by itself; SQLite's FTS5 table is written here."""
    entries = list(entries)
    if connection.vendor != "sqlite" or not entries:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _ in entries])
        cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, document) VALUES (%s, %s)", entries)


class _WordCounts:
    """How many rows of the entries hold each of the commonest stemmed words, from pg_stats's
    most_common_elems of search_vector (empty until the table is first analysed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, float] = {}
        self._read_at = -STATISTICS_TTL

    def get(self, cursor) -> dict[str, float]:
        with self._lock:
            if time.monotonic() - self._read_at >= STATISTICS_TTL:
                cursor.execute(
                    "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
                    "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
                    "WHERE s.schemaname = current_schema() AND s.tablename = %s AND s.attname = 'search_vector'",
                    [ENTRIES],
                )
                row = cursor.fetchone()
                words, shares, rows = row if row and row[0] else ([], [], 0)
                # The list of shares ends with three statistics of its own (min, max, nulls).
                self._counts = {w: share * rows for w, share in zip(words, shares[: len(words)], strict=True)}
                self._read_at = time.monotonic()
            return self._counts


_word_counts = _WordCounts()


def forget_statistics() -> None:
    """Read pg_stats again at the next search (tests, after ANALYZE)."""
    _word_counts._read_at = -STATISTICS_TTL


# term: its stems as to_tsvector('english') gives them (none for a stop word). A dictionary's
# stemming does not change while the server runs: asking again costs each search a round trip.
_STEMS: dict[str, list[str]] = {}
_STEMS_KEPT = 100_000


def _stems(cursor, terms: list[str]) -> dict[str, list[str]]:
    missing = [term for term in terms if term not in _STEMS]
    if missing:
        cursor.execute(
            "SELECT t, tsvector_to_array(to_tsvector('english', t)) FROM unnest(%s::text[]) t", [missing]
        )
        if len(_STEMS) > _STEMS_KEPT:
            _STEMS.clear()
        _STEMS.update({term: list(words or ()) for term, words in cursor.fetchall()})
    return {term: _STEMS.get(term, []) for term in terms}


def _tsquery(terms: list[str]) -> str:
    # Each term is a plain word ([^\W_]+, see query.terms): safe inside a tsquery, and
    # to_tsquery stems it and drops English stop words itself.
    return " | ".join(terms)


def _fts_match(terms: list[str]) -> str:
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _postgres(
    cursor, terms: list[str], limit: int, among: tuple[str, Sequence[Any]] | None
) -> dict[int, float]:
    counts = _word_counts.get(cursor)
    if counts:
        stems = {term: words for term, words in _stems(cursor, terms).items() if words}
        rare = [
            t for t in terms if t in stems and max(counts.get(stem, 0) for stem in stems[t]) <= CANDIDATE_ROWS
        ]
    else:
        rare = terms
    if not rare:
        return {}
    within, within_params = (f" AND claim_id IN ({among[0]})", among[1]) if among else ("", [])
    cursor.execute(
        f"SELECT claim_id, {PG_RANK}(search_vector, to_tsquery('english', %s)) AS rank "
        "FROM claims_claimsearchentry "
        f"WHERE search_vector @@ to_tsquery('english', %s){within} "
        "ORDER BY rank DESC LIMIT %s",
        [_tsquery(terms), _tsquery(rare), *within_params, limit],
    )
    return {pk: float(rank) for pk, rank in cursor.fetchall()}


def candidates(
    terms: list[str], *, limit: int, among: tuple[str, Sequence[Any]] | None = None
) -> dict[int, float]:
    """{claim id: score} of the best `limit` claims matching any of the terms; with `among` (the
    SQL of a query selecting claim ids, and its parameters), only among those claims."""
    if not terms:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgres(cursor, terms, limit, among)
        if connection.vendor == "sqlite":
            # "+rowid": without the plus, SQLite hands the IN list to FTS5 as rowid constraints,
            # and FTS5 runs the whole match once for each visible claim (0.4 s at 3,000 claims,
            # against 4 ms matched once and then filtered).
            within, within_params = (f" AND +rowid IN ({among[0]})", among[1]) if among else ("", [])
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{within} "
                f"ORDER BY bm25({FTS_TABLE}) LIMIT %s",
                [_fts_match(terms), *within_params, limit],
            )
            # bm25() is lower for better matches (negative): flip it so that higher is better.
            return {pk: -float(score) for pk, score in cursor.fetchall()}
    return {}


def scores(terms: list[str], *, claim_ids: Sequence[int]) -> dict[int, float]:
    """{claim id: score} of those of these claims matching any of the terms, on the same scale
    as `candidates`': the dense stage's candidates, which the lexical stage did not pick (past its
    limit, or holding only words too common to pick any), are ranked by their words too."""
    if not terms or not claim_ids:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT claim_id, {PG_RANK}(search_vector, to_tsquery('english', %s)) "
                "FROM claims_claimsearchentry "
                "WHERE claim_id = ANY(%s) AND search_vector @@ to_tsquery('english', %s)",
                [_tsquery(terms), list(claim_ids), _tsquery(terms)],
            )
            return {pk: float(rank) for pk, rank in cursor.fetchall()}
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(claim_ids))
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND +rowid IN ({marks})",
                [_fts_match(terms), *claim_ids],
            )
            return {pk: -float(score) for pk, score in cursor.fetchall()}
    return {}
