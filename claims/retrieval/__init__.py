"""Finding what the record holds: ranked search and "has this been checked already?".

Two stages, both stored with the claim when it is indexed (claims.models.ClaimSearchEntry):

1. lexical candidates: stemmed any-word matching ranked by the database's own full-text engine
   over the claim's text, its speaker's name and its fact check's headline (PostgreSQL ts_rank
   on a GIN index; SQLite FTS5 bm25), see `lexical`;
2. dense candidates and re-ranking: a sentence embedding of each claim (all-MiniLM-L6-v2, see
   `embeddings`), nearest neighbours of the query's embedding, see `dense`.

`search` (claims.retrieval.service) fuses the two with weights tuned on the CLEF-2020 CheckThat! train tweets.
Every place that looks claims up by text calls it; automatic merging does not (it keeps the
precision-first rule of claims.store.similarity).

Callers read the service through the package: `from claims import retrieval`, then
`retrieval.search(...)`, `retrieval.index_claims(...)`.

May import: claims.models, claims.identity. Ingest indexes new claims; curation and serve search.
"""

from claims.retrieval.service import (
    MIN_SEMANTIC,
    document,
    index_claims,
    index_pending,
    index_quietly,
    pending,
    search,
    unindexed,
    write_documents,
)

__all__ = [
    "MIN_SEMANTIC",
    "document",
    "index_claims",
    "index_pending",
    "index_quietly",
    "pending",
    "search",
    "unindexed",
    "write_documents",
]
