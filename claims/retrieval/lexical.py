"""Stage one: lexical candidates from the database's own full-text engine, ranked there.

PostgreSQL: the stored column search_vector, to_tsvector('english', document), on a GIN index
(migration 0025), queried with the terms OR-ed into a tsquery (each stemmed by to_tsquery
itself) and ranked by ts_rank.
SQLite: an FTS5 table with the porter stemmer, queried with the quoted terms OR-ed and ranked by
bm25(). Elsewhere (no engine): no lexical stage; the dense stage still answers.

Scores are the engine's own (higher is better); the service normalises them per query.
"""

from collections.abc import Iterable

from django.db import connection

FTS_TABLE = "claims_claimsearch_fts"
# ts_rank, not ts_rank_cd: on the CLEF-2020 train tweets (10,190 claims) it ranks nearly as well
# (fused MAP@5 0.877 against 0.880) in half the time (66 against 114 ms a search), since it does
# not walk every match's word positions.
PG_RANK = "ts_rank"


def write(entries: Iterable[tuple[int, str]]) -> None:
    """Keep the engine's index in step with these (claim id, document) pairs. PostgreSQL's GIN
    index follows the entries' table by itself; SQLite's FTS5 table is written here."""
    entries = list(entries)
    if connection.vendor != "sqlite" or not entries:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _ in entries])
        cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, document) VALUES (%s, %s)", entries)


def candidates(terms: list[str], *, limit: int) -> dict[int, float]:
    """{claim id: score} of the best `limit` claims matching any of the terms."""
    if not terms:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Each term is a plain word ([^\W_]+, see query.terms): safe inside a tsquery, and
            # to_tsquery stems it and drops English stop words itself.
            tsquery = " | ".join(terms)
            cursor.execute(
                f"SELECT claim_id, {PG_RANK}(search_vector, q) AS rank "
                "FROM claims_claimsearchentry, to_tsquery('english', %s) q "
                "WHERE search_vector @@ q ORDER BY rank DESC LIMIT %s",
                [tsquery, limit],
            )
            return {pk: float(rank) for pk, rank in cursor.fetchall()}
        if connection.vendor == "sqlite":
            match = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                f"ORDER BY bm25({FTS_TABLE}) LIMIT %s",
                [match, limit],
            )
            # bm25() is lower for better matches (negative): flip it so that higher is better.
            return {pk: -float(score) for pk, score in cursor.fetchall()}
    return {}
