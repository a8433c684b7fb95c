"""Stage two's recall: the claims whose embeddings lie nearest a query's, by exact search.

The database is the record of truth (float16, 768 bytes a claim): each process keeps a float32
copy of the stored embeddings in one matrix (1.5 KB a claim, so that the product runs in BLAS)
and, before each search, reads only the entries indexed since its last look (an index on
indexed_at makes that cheap). Exact search is one
matrix-vector product: a few milliseconds for a hundred thousand claims. Past a few million, an
approximate index (hnswlib, or OpenSearch's k-NN beside BM25) belongs behind this same
interface; it can be rebuilt from the entries at any time.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import numpy as np

from claims.models import ClaimSearchEntry

from .embeddings import DIMENSIONS

LOOKBACK = timedelta(seconds=60)


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype("<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f2").astype(np.float32)


class DenseIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = np.zeros(0, dtype=np.int64)
        self._vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._row: dict[int, int] = {}
        self._seen: datetime | None = None

    def refresh(self) -> None:
        """Take in the entries indexed since the last refresh (all of them the first time).

        Most refreshes find nothing new, which one index-only probe says. When there is something,
        the entries of the last LOOKBACK before the newest seen are read again too: a transaction
        that stamped its entries earlier may have committed after that look."""
        with self._lock:
            rows = ClaimSearchEntry.objects.order_by("indexed_at")
            if self._seen is not None:
                if not rows.filter(indexed_at__gt=self._seen).exists():
                    return
                rows = rows.filter(indexed_at__gte=self._seen - LOOKBACK)
            fresh = list(rows.values_list("claim_id", "embedding", "indexed_at").iterator(chunk_size=5000))
            if not fresh:
                return
            new_ids, new_vectors = [], []
            for pk, data, _ in fresh:
                vector = from_bytes(data)
                if pk in self._row:
                    self._vectors[self._row[pk]] = vector  # re-indexed: its new vector replaces the old
                else:
                    self._row[pk] = len(self._ids) + len(new_ids)
                    new_ids.append(pk)
                    new_vectors.append(vector)
            if new_ids:
                self._ids = np.concatenate([self._ids, np.array(new_ids, dtype=np.int64)])
                self._vectors = np.concatenate([self._vectors, np.array(new_vectors, dtype=np.float32)])
            self._seen = fresh[-1][2]

    def nearest(self, query: np.ndarray, *, limit: int) -> dict[int, float]:
        """{claim id: cosine} of the `limit` nearest claims."""
        with self._lock:
            ids, vectors = self._ids, self._vectors
        if not len(ids) or not query.any():
            return {}
        scores = vectors @ query.astype(np.float32)
        limit = min(limit, len(ids))
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
