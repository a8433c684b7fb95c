"""Stage two's recall: the claims whose embeddings lie nearest a query's.

The database is the record of truth (ClaimSearchEntry: float16, 768 bytes a claim). Each web
process searches float32 rows (1.5 KB a claim, so that products run in BLAS):

- from CLAIMS_SEARCH_SHARED_MIN entries (50,000 by default), most of them in a snapshot shared by
  every process on the machine: two files (the claims' ids, sorted, and their float32 rows) built
  from the entries (`build_shared`) in CLAIMS_SEARCH_VECTORS_DIR/<database>/ and memory-mapped
  read-only, so that the operating system holds one copy in its page cache however many processes
  read it. The process that finds no snapshot (or one of another model) builds it, under a file
  lock, and the others map it; `manage.py build_search_vectors` builds it again by hand.
- the entries indexed since the snapshot was built in a tail of the process's own, read before
  each search (an index on indexed_at makes the look cheap): a claim indexed again hides its row
  in the snapshot. When the tail outgrows TAIL_SHARE of the snapshot, a new snapshot is built
  and every process (each noticing the snapshot changed) loads it in the background, searching
  the old one meanwhile.
- below CLAIMS_SEARCH_SHARED_MIN entries, only the tail: all of them, in the process.

Below CLAIMS_SEARCH_ANN_MIN claims (50,000 by default) the search is exact, one matrix-vector
product: a few milliseconds. From there an approximate index answers instead, since an exact
search over a million claims reads 1.5 GB a query (about 300 ms here): FAISS's inverted file
with 8-bit scalar quantisation (IndexIVFScalarQuantizer, 384 bytes a claim), one per process.
FAISS is Meta's library for this (MIT licence, maintained, wheels for every platform on PyPI); an
inverted file trains in seconds and takes new vectors without a rebuild, where a graph index
(HNSW) takes many minutes to build a million on two cores. It only proposes candidates: their
cosines are computed again, exactly, from the float32 rows. It is trained again when the record
has doubled since (its clusters then no longer fit the data well).

A search among a few of the claims (those a reader may see, or a filter leaves) compares the
query with each of their rows; among many, it widens until enough of the nearest are among them
(`DenseIndex.nearest`).
"""

from __future__ import annotations

import fcntl
import json
import logging
import math
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection, connections
from django.db.models import Count, Max, QuerySet
from django.utils.dateparse import parse_datetime

from claims.models import Claim, ClaimSearchEntry

from .embeddings import DIMENSIONS, MODEL_NAME

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
# A new shared snapshot is built when the process's own tail holds more than this share of it.
TAIL_SHARE = 0.1
MANIFEST = "current.json"


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype("<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f2").astype(np.float32)


def _matrix(blobs: list[bytes | memoryview]) -> np.ndarray:
    """Stored embeddings, one float32 row each, converted in one step rather than one a row."""
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(-1, DIMENSIONS).astype(np.float32)


def directory() -> Path:
    """Where this database's shared snapshot lives."""
    name = Path(str(connection.settings_dict["NAME"])).name or "default"
    return Path(settings.CLAIMS_SEARCH_VECTORS_DIR) / re.sub(r"[^\w.-]", "_", name)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Snapshot:
    """The shared rows: claim ids (sorted) and float32 vectors, memory-mapped read-only."""

    def __init__(self, folder: Path, manifest: dict) -> None:
        self.token: str = manifest["token"]
        self.count: int = manifest["count"]
        self.newest: datetime | None = parse_datetime(manifest["newest"]) if manifest["newest"] else None
        self.seconds: float = manifest.get("seconds", 0.0)
        self.ids: np.ndarray
        self.vectors: np.ndarray
        if self.count:
            self.ids = np.memmap(
                folder / f"ids-{self.token}.i64", dtype=np.int64, mode="r", shape=(self.count,)
            )
            self.vectors = np.memmap(
                folder / f"vectors-{self.token}.f32",
                dtype=np.float32,
                mode="r",
                shape=(self.count, DIMENSIONS),
            )
        else:
            self.ids = np.zeros(0, dtype=np.int64)
            self.vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)

    def rows_of(self, claim_ids: np.ndarray) -> np.ndarray:
        """The row of each claim id, -1 where the snapshot has none."""
        if not self.count:
            return np.full(len(claim_ids), -1, dtype=np.int64)
        at = np.searchsorted(self.ids, claim_ids)
        inside = at < self.count
        found = np.zeros(len(claim_ids), dtype=bool)
        found[inside] = self.ids[at[inside]] == claim_ids[inside]
        return np.where(found, at, -1).astype(np.int64)


def _manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    if manifest.get("model") != MODEL_NAME or not isinstance(manifest.get("count"), int):
        return None
    return manifest


def build_shared(*, replacing: str | None = None) -> Snapshot:
    """Build the shared snapshot again from the entries (the record of truth), replacing the one
    the processes map (they load the new one at their next search, in the background); returns it.
    With `replacing` (a snapshot's token): only if another process has not replaced it already."""
    folder = directory()
    with _locked(folder / "build.lock"):
        manifest = _manifest(folder)
        if replacing is not None and manifest is not None and manifest["token"] != replacing:
            return Snapshot(folder, manifest)
        return _build(folder)


def shared() -> Snapshot:
    """The snapshot processes map: built first if there is none (or of another model)."""
    folder = directory()
    if (manifest := _manifest(folder)) is not None:
        return Snapshot(folder, manifest)
    with _locked(folder / "build.lock"):
        if (manifest := _manifest(folder)) is not None:  # built while this process waited
            return Snapshot(folder, manifest)
        return _build(folder)


def _build(folder: Path) -> Snapshot:
    started = time.perf_counter()
    token = f"{time.time_ns():x}"
    entries = ClaimSearchEntry.objects.exclude(model="")
    newest = entries.aggregate(newest=Max("indexed_at"))["newest"]
    count = 0
    ids_path, vectors_path = folder / f"ids-{token}.i64", folder / f"vectors-{token}.f32"
    with ids_path.open("wb") as ids_file, vectors_path.open("wb") as vectors_file:
        if newest is not None:
            rows = (
                entries.filter(indexed_at__lte=newest)
                .order_by("claim_id")
                .values_list("claim_id", "embedding")
                .iterator(chunk_size=_CHUNK)
            )
            chunk: list[tuple[int, bytes | memoryview]] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) == _CHUNK:
                    count += _write(chunk, ids_file, vectors_file)
                    chunk = []
            count += _write(chunk, ids_file, vectors_file)
        for written in (ids_file, vectors_file):
            written.flush()
            os.fsync(written.fileno())
    manifest = {
        "token": token,
        "model": MODEL_NAME,
        "count": count,
        "newest": newest.isoformat() if newest else None,
        "seconds": round(time.perf_counter() - started, 1),
    }
    staged = folder / f"{MANIFEST}.{token}"
    staged.write_text(json.dumps(manifest))
    os.replace(staged, folder / MANIFEST)
    for old in folder.glob("*-*.*"):  # processes that map them keep their pages until they let go
        if old.suffix in (".i64", ".f32") and token not in old.name:
            old.unlink(missing_ok=True)
    logger.info("shared search vectors: %d claims written in %.1f s", count, manifest["seconds"])
    return Snapshot(folder, manifest)


def _write(chunk: list[tuple[int, bytes | memoryview]], ids_file, vectors_file) -> int:
    if not chunk:
        return 0
    ids_file.write(np.array([pk for pk, _ in chunk], dtype=np.int64).tobytes())
    vectors_file.write(_matrix([data for _, data in chunk]).tobytes())
    return len(chunk)


class _Approximate:
    """The inverted file over the index's rows (its ids are row numbers: the snapshot's, then the tail's)."""

    def __init__(self, count: int, rows: Iterator[tuple[int, np.ndarray]], sample: np.ndarray) -> None:
        """Over `count` rows, given in chunks (first row number, vectors), trained on `sample`
        (function of the row numbers drawn)."""
        import faiss  # imported here: only processes that hold this many claims need it

        started = time.perf_counter()
        clusters = max(16, min(16_384, int(math.sqrt(count))))
        quantiser = faiss.IndexFlatIP(DIMENSIONS)
        index = faiss.IndexIVFScalarQuantizer(
            quantiser, DIMENSIONS, clusters, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        index.train(sample)
        for first, vectors in rows:
            index.add_with_ids(vectors, np.arange(first, first + len(vectors), dtype=np.int64))
        index.nprobe = min(PROBES, clusters)
        self._index = index
        self._quantiser = quantiser  # the index holds it by pointer: keep it alive
        self.trained_on = count
        self.seconds = time.perf_counter() - started
        logger.info("approximate search index built over %d claims in %.1f s", count, self.seconds)

    def add(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        self._index.add_with_ids(vectors, rows.astype(np.int64))

    def remove(self, rows: np.ndarray) -> None:
        self._index.remove_ids(rows.astype(np.int64))  # type: ignore[arg-type]  # faiss takes ids as well as a selector

    def replace(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        self.remove(rows)
        self.add(rows, vectors)

    def nearest_rows(self, query: np.ndarray, *, limit: int) -> np.ndarray:
        _, rows = self._index.search(query.reshape(1, -1), limit)
        return rows[0][rows[0] >= 0]


class DenseIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._base: Snapshot | None = None  # the shared rows: rows [0, _base_size)
        self._base_size = 0
        self._hidden = np.zeros(0, dtype=bool)  # snapshot rows a newer tail row replaces
        self._hidden_count = 0
        # The tail: rows [_base_size, _base_size + _size). Rows [0, _size) of these buffers are in
        # use; they grow by doubling, so that taking in new entries never holds two copies long.
        self._id_buffer = np.zeros(0, dtype=np.int64)
        self._vector_buffer = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._size = 0
        self._row: dict[int, int] = {}  # claim id -> tail row (from 0)
        self._seen: datetime | None = None
        self._approximate: _Approximate | None = None

    def __len__(self) -> int:
        return self._base_size - self._hidden_count + self._size

    @property
    def snapshot(self) -> Snapshot | None:
        return self._base

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

    @property
    def tail_too_long(self) -> bool:
        return self._base is not None and self._size > max(_CHUNK, TAIL_SHARE * self._base_size)

    def refresh(self) -> None:
        """Take in the entries indexed since the last refresh (all of them the first time: those
        after the shared snapshot, when there is one).

        Most refreshes find nothing new, which one look at the newest indexed_at (on its index)
        says. When there is something, the entries of the last LOOKBACK before the newest seen are
        read again too: a transaction that stamped its entries earlier may have committed after
        that look."""
        with self._lock:
            # Entries waiting for their embedding (service.write_documents) have none to read.
            entries = ClaimSearchEntry.objects.exclude(model="")
            since = None if self._seen is None else self._seen - LOOKBACK
            if self._seen is None:
                seen = entries.aggregate(newest=Max("indexed_at"), count=Count("pk"))
                newest = seen["newest"]
                snapshot = self._snapshot(seen["count"], newest)
                if snapshot is not None:
                    self._map(snapshot)
                    since = snapshot.newest - LOOKBACK if snapshot.newest else None
                else:
                    # The first look reads everything: room for it at once (not by doubling,
                    # which would hold two copies of a million vectors while it grows).
                    self._reserve(seen["count"])
            else:
                newest = entries.aggregate(newest=Max("indexed_at"))["newest"]
            if newest is None or (self._seen is not None and newest <= self._seen):
                return
            if since is not None:
                entries = entries.filter(indexed_at__gte=since)
            first_new, changed, hidden = self._size, list[int](), list[int]()
            chunk: list[tuple[int, bytes | memoryview]] = []
            for entry in entries.values_list("claim_id", "embedding").iterator(chunk_size=_CHUNK):
                chunk.append(entry)
                if len(chunk) == _CHUNK:
                    self._take(chunk, changed, hidden)
                    chunk = []
            if chunk:
                self._take(chunk, changed, hidden)
            self._seen = newest
            self._update_approximate(first_new, sorted(set(changed)), hidden)

    def _snapshot(self, count: int, newest: datetime | None) -> Snapshot | None:
        """The shared snapshot to map, from CLAIMS_SEARCH_SHARED_MIN entries; None below, or
        when its folder cannot be written or read (the process then holds every row itself)."""
        if count < settings.CLAIMS_SEARCH_SHARED_MIN:
            return None
        try:
            snapshot = shared()
            if snapshot.count > count or (
                snapshot.newest is not None and newest is not None and newest < snapshot.newest
            ):
                # More rows than entries, or newer than the newest: not this database's
                # (restored, regenerated) any longer.
                snapshot = build_shared(replacing=snapshot.token)
        except OSError:
            logger.exception("the shared search vectors are out of reach: this process holds its own copy")
            return None
        return snapshot

    def _map(self, snapshot: Snapshot) -> None:
        self._base, self._base_size = snapshot, snapshot.count
        self._hidden = np.zeros(snapshot.count, dtype=bool)

    def _take(
        self, chunk: list[tuple[int, bytes | memoryview]], changed: list[int], hidden: list[int]
    ) -> None:
        """Store a chunk's vectors; note the tail rows whose vectors changed (claims indexed
        again) and the snapshot rows a tail row now replaces."""
        vectors = _matrix([data for _, data in chunk])
        pks = np.array([pk for pk, _ in chunk], dtype=np.int64)
        base_rows = self._base.rows_of(pks) if self._base is not None else np.full(len(pks), -1)
        fresh: list[int] = []
        for n, pk in enumerate(pks.tolist()):
            row = self._row.get(pk)
            if row is not None:
                if not np.array_equal(self._vector_buffer[row], vectors[n]):  # else read again, unchanged
                    self._vector_buffer[row] = vectors[n]
                    changed.append(row)
                continue
            base = int(base_rows[n])
            if base >= 0:
                if self._hidden[base] or np.array_equal(self._base.vectors[base], vectors[n]):  # type: ignore[union-attr]
                    continue
                self._hidden[base] = True
                self._hidden_count += 1
                hidden.append(base)
            self._row[pk] = self._size + len(fresh)
            fresh.append(n)
        if fresh:
            self._reserve(self._size + len(fresh))
            end = self._size + len(fresh)
            self._id_buffer[self._size : end] = pks[fresh]
            self._vector_buffer[self._size : end] = vectors[fresh]
            self._size = end

    def _chunks(self) -> Iterator[tuple[int, np.ndarray]]:
        """Every row, (first row number, vectors) a chunk at a time: the snapshot's, the tail's."""
        if self._base is not None:
            for first in range(0, self._base_size, 100_000):
                yield first, np.ascontiguousarray(self._base.vectors[first : first + 100_000])
        if self._size:
            yield self._base_size, self._vectors

    def _sample(self, count: int, wanted: int) -> np.ndarray:
        rng = np.random.default_rng(0)
        rows = np.arange(count) if count <= wanted else np.sort(rng.choice(count, wanted, replace=False))
        return self._vectors_at(rows)

    def _update_approximate(self, first_new: int, changed: list[int], hidden: list[int]) -> None:
        count = self._base_size + self._size
        if count < settings.CLAIMS_SEARCH_ANN_MIN:
            return
        if self._approximate is None or count >= 2 * self._approximate.trained_on:
            clusters = max(16, min(16_384, int(math.sqrt(count))))
            self._approximate = _Approximate(
                count, self._chunks(), self._sample(count, _TRAINING_PER_CLUSTER * clusters)
            )
            if self._hidden_count:
                self._approximate.remove(np.flatnonzero(self._hidden))
            return
        if first_new < self._size:
            self._approximate.add(
                np.arange(self._base_size + first_new, self._base_size + self._size),
                self._vectors[first_new:],
            )
        old = np.array([row for row in changed if row < first_new], dtype=np.int64)
        if len(old):
            self._approximate.replace(old + self._base_size, self._vectors[old])
        if hidden:
            self._approximate.remove(np.array(hidden, dtype=np.int64))

    def _vectors_at(self, rows: np.ndarray) -> np.ndarray:
        """The vectors of these rows (snapshot or tail)."""
        out = np.empty((len(rows), DIMENSIONS), dtype=np.float32)
        base = rows < self._base_size
        if base.any():
            assert self._base is not None
            wanted = rows[base]
            order = np.argsort(wanted)  # read the mapped file in order
            picked = np.empty((len(wanted), DIMENSIONS), dtype=np.float32)
            picked[order] = self._base.vectors[wanted[order]]
            out[base] = picked
        if (~base).any():
            out[~base] = self._vector_buffer[rows[~base] - self._base_size]
        return out

    def _ids_at(self, rows: np.ndarray) -> np.ndarray:
        out = np.empty(len(rows), dtype=np.int64)
        base = rows < self._base_size
        if base.any():
            assert self._base is not None
            out[base] = self._base.ids[rows[base]]
        out[~base] = self._id_buffer[rows[~base] - self._base_size]
        return out

    def _rows_of(self, claim_ids: list[int]) -> np.ndarray:
        """The current row of each of these claims that has one (tail first: it is newer)."""
        rows = []
        rest = []
        for pk in claim_ids:
            row = self._row.get(pk)
            if row is not None:
                rows.append(self._base_size + row)
            else:
                rest.append(pk)
        if rest and self._base is not None:
            base = self._base.rows_of(np.array(rest, dtype=np.int64))
            base = base[base >= 0]
            rows.extend(base[~self._hidden[base]].tolist())
        return np.array(rows, dtype=np.int64)

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
            if not len(self):
                return {}
            limit = min(limit, len(self))
            if self._approximate is not None:
                rows = self._approximate.nearest_rows(query, limit=limit)
                scores = self._vectors_at(rows) @ query
                return {int(pk): float(score) for pk, score in zip(self._ids_at(rows), scores, strict=True)}
            base, size = self._base, self._base_size
            ids, vectors = self._ids, self._vectors
            hidden = self._hidden.copy() if self._hidden_count else None
        parts = [vectors @ query]
        if base is not None and size:
            shared = base.vectors @ query
            if hidden is not None:
                shared[hidden] = -np.inf
            parts.insert(0, shared)
        scores = np.concatenate(parts)
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.isfinite(scores[top])]
        found = self._ids_at(top) if base is None else np.concatenate([base.ids, ids])[top]
        return {int(pk): float(scores[i]) for pk, i in zip(found, top, strict=True)}

    def _nearest_of(self, query: np.ndarray, claim_ids: list[int], *, limit: int) -> dict[int, float]:
        """The exact nearest among these claims (those not indexed yet have no vector)."""
        with self._lock:
            rows = self._rows_of(claim_ids)
            if not len(rows):
                return {}
            ids, scores = self._ids_at(rows), self._vectors_at(rows) @ query
        limit = min(limit, len(rows))
        top = np.argpartition(-scores, limit - 1)[:limit]
        return {int(ids[i]): float(scores[i]) for i in top}

    def vectors_of(self, claim_ids: list[int]) -> dict[int, np.ndarray]:
        with self._lock:
            rows = self._rows_of(claim_ids)
            return dict(zip(self._ids_at(rows).tolist(), self._vectors_at(rows), strict=True))


_index = DenseIndex()
_replacing: threading.Thread | None = None
_CHECK_SECONDS = 10.0  # how often a process looks whether the shared snapshot was replaced
_checked = 0.0


def index() -> DenseIndex:
    """This process's index, refreshed. When its shared snapshot was replaced (or its own tail
    has outgrown it: a new one is built), the new one is loaded in the background, and searches
    go on with this one until it is ready."""
    global _checked
    current = _index
    current.refresh()
    snapshot = current.snapshot
    if snapshot is not None and _replacing is None and time.monotonic() - _checked >= _CHECK_SECONDS:
        _checked = time.monotonic()
        manifest = _manifest(directory())
        if current.tail_too_long or manifest is None or manifest["token"] != snapshot.token:
            _replace_in_background(current, build=current.tail_too_long)
    return current


def _replace_in_background(current: DenseIndex, *, build: bool) -> None:
    global _replacing
    snapshot = current.snapshot

    def run() -> None:
        global _index, _replacing
        try:
            if build and snapshot is not None:
                build_shared(replacing=snapshot.token)
            fresh = DenseIndex()
            fresh.refresh()
            if _index is current:
                _index = fresh
        except Exception:
            logger.exception("loading the new shared search vectors failed; the old ones serve meanwhile")
        finally:
            _replacing = None
            connections.close_all()  # this thread's own connection

    _replacing = threading.Thread(target=run, name="search-index-replace", daemon=True)
    _replacing.start()


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
