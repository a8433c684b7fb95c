"""Stage two's recall: the claims whose embeddings lie nearest a query's.

The database is the record of truth (float16, 768 bytes a claim): each process keeps a float32
copy of the stored embeddings in one matrix (1.5 KB a claim, so that products run in BLAS) and,
before each search, reads only the entries indexed since its last look (an index on indexed_at
makes that cheap).

Below CLAIMS_SEARCH_ANN_MIN claims (50,000 by default) the search is exact, one matrix-vector
product: a few milliseconds. From there an approximate index answers instead, since an exact
search over a million claims reads 1.5 GB a query (about 300 ms here): FAISS's inverted file
with 8-bit scalar quantisation (IndexIVFScalarQuantizer, 384 bytes a claim). FAISS is Meta's
library for this (MIT licence, maintained, wheels for every platform on PyPI); an inverted file
trains in seconds and takes new vectors without a rebuild, where a graph index (HNSW) takes
many minutes to build a million on two cores. It only proposes candidates: their cosines are
computed again, exactly, from the float32 copy. It is built in the process from that copy, so
it can always be rebuilt from the database, and it is trained again when the record has doubled
since (its clusters then no longer fit the data well).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import connections
from django.db.models import Count, Max, QuerySet

from claims.models import Claim, ClaimSearchEntry

from .embeddings import DIMENSIONS

logger = logging.getLogger(__name__)

LOOKBACK = timedelta(seconds=60)
_CHUNK = 20_000  # entries read from the database at a time
_TRAINING_PER_CLUSTER = 40  # vectors each cluster is trained on (FAISS asks for at least 39)
# Clusters searched a query. With √n clusters (1,000 at a million), 32 of them is about 3% of the
# record; on the CLEF-2020 dev tweets it loses nothing against the exact search (README).
PROBES = 32
# A search among fewer visible claims than this (a speaker's, the published ones) reads their ids
# and compares the query with each of their vectors: exact, a few milliseconds. Among more, the
# nearest of all are asked for, more each time, until enough of them are visible (WIDEN_ROUNDS at
# most, then the exact search among every visible claim).
FEW_VISIBLE = 20_000
WIDEN_FACTOR = 4
WIDEN_ROUNDS = 4


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype("<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f2").astype(np.float32)


def _matrix(blobs: list[bytes | memoryview]) -> np.ndarray:
    """Stored embeddings, one float32 row each, converted in one step rather than one a row."""
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(-1, DIMENSIONS).astype(np.float32)


class _Approximate:
    """The inverted file over the copy's rows (its ids are row numbers)."""

    def __init__(self, vectors: np.ndarray) -> None:
        import faiss  # imported here: only processes that hold this many claims need it

        started = time.perf_counter()
        count = len(vectors)
        clusters = max(16, min(16_384, int(math.sqrt(count))))
        quantiser = faiss.IndexFlatIP(DIMENSIONS)
        index = faiss.IndexIVFScalarQuantizer(
            quantiser, DIMENSIONS, clusters, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        rng = np.random.default_rng(0)
        wanted = _TRAINING_PER_CLUSTER * clusters
        sample = vectors if count <= wanted else vectors[np.sort(rng.choice(count, wanted, replace=False))]
        index.train(sample)
        index.add_with_ids(vectors, np.arange(count, dtype=np.int64))
        index.nprobe = min(PROBES, clusters)
        self._index = index
        self._quantiser = quantiser  # the index holds it by pointer: keep it alive
        self.trained_on = count
        self.seconds = time.perf_counter() - started
        logger.info("approximate search index built over %d claims in %.1f s", count, self.seconds)

    def add(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        self._index.add_with_ids(vectors, rows.astype(np.int64))

    def replace(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        self._index.remove_ids(rows.astype(np.int64))  # type: ignore[arg-type]  # faiss takes ids as well as a selector
        self.add(rows, vectors)

    def nearest_rows(self, query: np.ndarray, *, limit: int) -> np.ndarray:
        _, rows = self._index.search(query.reshape(1, -1), limit)
        return rows[0][rows[0] >= 0]


class DenseIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Rows [0, _size) of these buffers are in use; they grow by doubling, so that taking in new
        # entries never holds two copies of the whole matrix for long.
        self._id_buffer = np.zeros(0, dtype=np.int64)
        self._vector_buffer = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._size = 0
        self._row: dict[int, int] = {}
        self._seen: datetime | None = None
        self._approximate: _Approximate | None = None

    def __len__(self) -> int:
        return self._size

    @property
    def _ids(self) -> np.ndarray:
        return self._id_buffer[: self._size]

    @property
    def _vectors(self) -> np.ndarray:
        return self._vector_buffer[: self._size]

    def _reserve(self, count: int) -> None:
        if count <= len(self._id_buffer):
            return
        capacity = max(count, 2 * len(self._id_buffer))
        ids = np.zeros(capacity, dtype=np.int64)
        vectors = np.zeros((capacity, DIMENSIONS), dtype=np.float32)
        ids[: self._size] = self._ids
        vectors[: self._size] = self._vectors
        self._id_buffer, self._vector_buffer = ids, vectors

    @property
    def approximate(self) -> bool:
        return self._approximate is not None

    def refresh(self) -> None:
        """Take in the entries indexed since the last refresh (all of them the first time).

        Most refreshes find nothing new, which one look at the newest indexed_at (on its index)
        says. When there is something, the entries of the last LOOKBACK before the newest seen are
        read again too: a transaction that stamped its entries earlier may have committed after
        that look."""
        with self._lock:
            # Entries waiting for their embedding (service.write_documents) have none to read.
            entries = ClaimSearchEntry.objects.exclude(model="")
            if self._seen is None:
                # The first look reads everything: room for it at once (not by doubling, which
                # would hold two copies of a million vectors while it grows).
                seen = entries.aggregate(newest=Max("indexed_at"), count=Count("pk"))
                newest = seen["newest"]
                self._reserve(seen["count"])
            else:
                newest = entries.aggregate(newest=Max("indexed_at"))["newest"]
            if newest is None or (self._seen is not None and newest <= self._seen):
                return
            if self._seen is not None:
                entries = entries.filter(indexed_at__gte=self._seen - LOOKBACK)
            first_new, changed = self._size, []
            chunk: list[tuple[int, bytes | memoryview]] = []
            for entry in entries.values_list("claim_id", "embedding").iterator(chunk_size=_CHUNK):
                chunk.append(entry)
                if len(chunk) == _CHUNK:
                    changed += self._take(chunk)
                    chunk = []
            if chunk:
                changed += self._take(chunk)
            self._seen = newest
            self._update_approximate(first_new, sorted(set(changed)))

    def _take(self, chunk: list[tuple[int, bytes | memoryview]]) -> list[int]:
        """Store a chunk's vectors; the rows of claims seen before whose vectors changed (re-indexed)."""
        vectors = _matrix([data for _, data in chunk])
        fresh: list[int] = []
        changed: list[int] = []
        for n, (pk, _) in enumerate(chunk):
            row = self._row.get(pk)
            if row is None:
                self._row[pk] = self._size + len(fresh)
                fresh.append(n)
            elif not np.array_equal(
                self._vector_buffer[row], vectors[n]
            ):  # read again, but unchanged: nothing to do
                self._vector_buffer[row] = vectors[n]
                changed.append(row)
        if fresh:
            self._reserve(self._size + len(fresh))
            end = self._size + len(fresh)
            self._id_buffer[self._size : end] = [chunk[n][0] for n in fresh]
            self._vector_buffer[self._size : end] = vectors[fresh]
            self._size = end
        return changed

    def _update_approximate(self, first_new: int, changed: list[int]) -> None:
        count = len(self._ids)
        if count < settings.CLAIMS_SEARCH_ANN_MIN:
            return
        if self._approximate is None or count >= 2 * self._approximate.trained_on:
            self._approximate = _Approximate(self._vectors)
            return
        if first_new < count:
            self._approximate.add(np.arange(first_new, count), self._vectors[first_new:])
        old = np.array([row for row in changed if row < first_new], dtype=np.int64)
        if len(old):
            self._approximate.replace(old, self._vectors[old])

    def nearest(
        self, query: np.ndarray, *, limit: int, among: QuerySet[Claim] | None = None
    ) -> dict[int, float]:
        """{claim id: cosine} of the `limit` nearest claims (exact cosines, whichever search found
        them); with `among`, the nearest of those claims only (the caller's visible claims and
        filters), however far the nearest of all the others are."""
        if not query.any():
            return {}
        query = query.astype(np.float32)
        if among is None:
            return self._nearest(query, limit=limit)
        ids = list(among.order_by().values_list("pk", flat=True)[: FEW_VISIBLE + 1])
        if len(ids) <= FEW_VISIBLE:
            return self._nearest_of(query, ids, limit=limit)
        wanted = limit * WIDEN_FACTOR
        for _ in range(WIDEN_ROUNDS):
            found = self._nearest(query, limit=wanted)
            visible = set(among.filter(pk__in=list(found)).values_list("pk", flat=True))
            if len(visible) >= limit or len(found) < wanted:
                best = sorted(visible, key=lambda pk: -found[pk])[:limit]
                return {pk: found[pk] for pk in best}
            wanted *= WIDEN_FACTOR
        return self._nearest_of(query, list(among.order_by().values_list("pk", flat=True)), limit=limit)

    def _nearest(self, query: np.ndarray, *, limit: int) -> dict[int, float]:
        with self._lock:
            ids, vectors = self._ids, self._vectors
            if not len(ids):
                return {}
            limit = min(limit, len(ids))
            if self._approximate is not None:
                rows = self._approximate.nearest_rows(query, limit=limit)
                return {
                    int(ids[r]): float(score) for r, score in zip(rows, vectors[rows] @ query, strict=True)
                }
        scores = vectors @ query
        top = np.argpartition(-scores, limit - 1)[:limit]
        return {int(ids[i]): float(scores[i]) for i in top}

    def _nearest_of(self, query: np.ndarray, claim_ids: list[int], *, limit: int) -> dict[int, float]:
        """The exact nearest among these claims (those not indexed yet have no vector)."""
        with self._lock:
            rows = np.array([r for r in map(self._row.get, claim_ids) if r is not None], dtype=np.int64)
            if not len(rows):
                return {}
            ids, scores = self._ids[rows], self._vectors[rows] @ query
        limit = min(limit, len(rows))
        top = np.argpartition(-scores, limit - 1)[:limit]
        return {int(ids[i]): float(scores[i]) for i in top}

    def vectors_of(self, claim_ids: list[int]) -> dict[int, np.ndarray]:
        with self._lock:
            return {pk: self._vectors[self._row[pk]] for pk in claim_ids if pk in self._row}


_index = DenseIndex()


def index() -> DenseIndex:
    """This process's copy, refreshed."""
    _index.refresh()
    return _index


def reset() -> None:
    """Forget the copy (tests, after the database was emptied under it)."""
    global _index
    _index = DenseIndex()


def warm_in_background() -> threading.Thread:
    """Read this process's copy (and train its approximate index) now, in a thread of its own
    (returned, started), rather than in the first search, which would wait for it: about 15 s at a
    million claims. For web processes (config/wsgi.py); a search that comes first waits on the
    same lock."""

    def run() -> None:
        try:
            index()
        except Exception:
            logger.exception("loading the search index failed; the first search will try again")
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=run, name="search-index-warm-up", daemon=True)
    thread.start()
    return thread
