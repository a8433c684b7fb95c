"""The embeddings' search, exact and approximate: past CLAIMS_SEARCH_ANN_MIN claims the inverted
file proposes the candidates, and it must find what the exact search finds, take in claims
indexed after it was built, follow a re-indexed claim to its new vector and be trained again
once the record has doubled."""

import time
from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from claims.models import ClaimSearchEntry
from claims.retrieval import dense
from claims.retrieval.embeddings import DIMENSIONS
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["own", "shared"])
def where(request, settings, tmp_path):
    """Every test twice: the vectors in the process's own memory, and in the shared snapshot
    (memory-mapped files built from the entries at the first search, with a tail since)."""
    settings.CLAIMS_SEARCH_VECTORS_DIR = tmp_path
    settings.CLAIMS_SEARCH_SHARED_MIN = 10**9 if request.param == "own" else 1
    return request.param


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


@pytest.fixture
def clustered():
    """Vectors in 20 clusters, as sentences on a few subjects fall."""
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((20, DIMENSIONS))

    def make(count: int) -> np.ndarray:
        return unit(centres[rng.integers(0, 20, count)] + 0.6 * rng.standard_normal((count, DIMENSIONS)))

    return make


def store(vectors: np.ndarray, *, at=None) -> list[int]:
    claims = ClaimFactory.create_batch(len(vectors), indexed=False)
    at = at or timezone.now()
    ClaimSearchEntry.objects.bulk_create(
        ClaimSearchEntry(
            claim=claim, document=claim.text, embedding=dense.to_bytes(v), model="test", indexed_at=at
        )
        for claim, v in zip(claims, vectors, strict=True)
    )
    return [c.pk for c in claims]


def exact(ids: list[int], vectors: np.ndarray, query: np.ndarray, limit: int) -> set[int]:
    stored = np.frombuffer(b"".join(dense.to_bytes(v) for v in vectors), dtype="<f2").reshape(len(ids), -1)
    scores = stored.astype(np.float32) @ query
    return {ids[i] for i in np.argsort(-scores)[:limit]}


def test_below_the_threshold_the_search_is_exact(settings, clustered):
    settings.CLAIMS_SEARCH_ANN_MIN = 1000
    vectors = clustered(200)
    ids = store(vectors)
    index = dense.index()
    assert not index.approximate
    query = vectors[7]
    assert set(index.nearest(query, limit=10)) == exact(ids, vectors, query, 10)


def test_the_approximate_search_finds_what_the_exact_search_finds(settings, clustered):
    settings.CLAIMS_SEARCH_ANN_MIN = 100
    vectors = clustered(600)
    ids = store(vectors)
    index = dense.index()
    assert index.approximate
    rng = np.random.default_rng(5)
    recalls = []
    for n in rng.choice(600, 20, replace=False):
        query = unit(vectors[n] + 0.3 * rng.standard_normal(DIMENSIONS) / np.sqrt(DIMENSIONS))
        found = index.nearest(query, limit=10)
        assert ids[n] in found
        recalls.append(len(set(found) & exact(ids, vectors, query, 10)) / 10)
        # The scores are exact cosines of the stored vectors, not the quantised ones.
        pk = max(found, key=found.get)
        assert found[pk] == pytest.approx(float(index.vectors_of([pk])[pk] @ query), abs=1e-6)
    assert np.mean(recalls) >= 0.9


def test_claims_indexed_after_the_build_are_found_and_a_reindexed_one_moves(settings, clustered):
    settings.CLAIMS_SEARCH_ANN_MIN = 100
    early = timezone.now() - timedelta(minutes=10)
    ids = store(clustered(300), at=early)
    index = dense.index()
    assert index.approximate

    newcomer = clustered(1)
    [new_id] = store(newcomer)
    assert new_id in dense.index().nearest(newcomer[0], limit=5)

    moved = ids[0]
    before = index.vectors_of([moved])[moved].copy()
    elsewhere = unit(-before)  # as far as a vector can be from where it was
    ClaimSearchEntry.objects.filter(claim_id=moved).update(
        embedding=dense.to_bytes(elsewhere), indexed_at=timezone.now()
    )
    index = dense.index()
    assert moved in index.nearest(elsewhere, limit=5)
    assert moved not in index.nearest(before, limit=20)


def test_the_approximate_index_is_trained_again_once_the_record_has_doubled(settings, clustered):
    settings.CLAIMS_SEARCH_ANN_MIN = 100
    store(clustered(150), at=timezone.now() - timedelta(minutes=10))
    index = dense.index()
    assert index._approximate.trained_on == 150
    store(clustered(100))
    assert dense.index()._approximate.trained_on == 150  # 250 < 300: vectors added, no new training
    store(clustered(60))
    assert dense.index()._approximate.trained_on == 310


@pytest.mark.django_db(transaction=True)
def test_a_web_process_reads_its_copy_at_start_up_not_at_the_first_search(clustered):
    store(clustered(30))
    # (Found by its name in the running threads, it could have ended before it was looked for.)
    thread = dense.warm_in_background()
    assert thread.name == "search-index-warm-up" and thread.daemon
    thread.join(timeout=60)
    assert len(dense._index) == 30


@pytest.mark.parametrize("where", ["shared"], indirect=True)
def test_the_shared_snapshot_is_built_once_from_the_entries_and_mapped_by_every_process(
    settings, where, clustered, tmp_path
):
    settings.CLAIMS_SEARCH_ANN_MIN = 100
    vectors = clustered(300)
    ids = store(vectors, at=timezone.now() - timedelta(minutes=10))
    first = dense.index()
    snapshot = first.snapshot
    assert snapshot is not None and snapshot.count == 300 and list(snapshot.ids) == sorted(ids)
    # Read-only, memory-mapped: the page cache's one copy, not the process's.
    assert isinstance(snapshot.vectors, np.memmap) and snapshot.vectors.mode == "r"
    stored = dense.from_bytes(ClaimSearchEntry.objects.get(claim_id=ids[4]).embedding)
    assert np.array_equal(snapshot.vectors[sorted(ids).index(ids[4])], stored)
    # Another process (a fresh index) maps the same files rather than building them again.
    dense.reset()
    second = dense.index()
    assert second.snapshot is not None and second.snapshot.token == snapshot.token
    query = vectors[11]
    assert len(set(second.nearest(query, limit=10)) & exact(ids, vectors, query, 10)) >= 9
    # Lost or stale files are rebuilt from the entries, the record of truth.
    for path in tmp_path.rglob("*"):
        if path.is_file():
            path.unlink()
    dense.reset()
    third = dense.index()
    assert third.snapshot is not None and third.snapshot.token != snapshot.token
    assert third.snapshot.count == 300 and ids[11] in third.nearest(query, limit=5)


def test_a_filtered_search_finds_the_nearest_of_the_claims_asked_for(where, clustered):
    from claims.models import Claim

    vectors = clustered(200)
    ids = store(vectors, at=timezone.now() - timedelta(minutes=10))
    wanted = ids[150:160]
    query = vectors[3]  # its own claim, and its cluster's, lie outside those asked for
    found = dense.index().nearest(query, limit=5, among=Claim.objects.filter(pk__in=wanted))
    assert len(found) == 5 and set(found) <= set(wanted)
    assert set(found) == exact(wanted, vectors[150:160], query, 5)


@pytest.mark.parametrize("where", ["shared"], indirect=True)
@pytest.mark.django_db(transaction=True)
def test_a_process_loads_a_rebuilt_snapshot_in_the_background(settings, where, clustered):
    vectors = clustered(40)
    ids = store(vectors, at=timezone.now() - timedelta(minutes=10))
    old = dense.index()
    assert old.snapshot is not None
    newcomers = clustered(5)
    store(newcomers)
    rebuilt = dense.build_shared()  # as another process (or build_search_vectors) does
    assert rebuilt.count == 45 and rebuilt.token != old.snapshot.token
    dense._checked = 0.0  # the next search looks at once
    assert dense.index() is old  # this search is served by what the process holds...
    deadline = time.monotonic() + 60
    while dense._index is old and time.monotonic() < deadline:
        time.sleep(0.05)
    new = dense.index()  # ... and the next by the new snapshot, with nothing left in its tail
    assert new is not old and new.snapshot is not None and new.snapshot.token == rebuilt.token
    assert new._size == 0 and len(new) == 45
    assert set(new.nearest(vectors[0], limit=1)) == {ids[0]}


@pytest.mark.parametrize("where", ["shared"], indirect=True)
def test_a_snapshot_the_entries_no_longer_match_is_built_again(where, clustered):
    ids = store(clustered(30), at=timezone.now() - timedelta(minutes=10))
    token = dense.index().snapshot.token
    # The database restored from an older backup: fewer entries than the snapshot has rows.
    ClaimSearchEntry.objects.filter(claim_id__in=ids[:10]).delete()
    dense.reset()
    again = dense.index()
    assert again.snapshot.token != token and again.snapshot.count == 20


@pytest.mark.parametrize("where", ["shared"], indirect=True)
def test_a_process_that_cannot_write_the_snapshot_holds_its_own_copy(settings, where, clustered, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    settings.CLAIMS_SEARCH_VECTORS_DIR = blocker
    vectors = clustered(30)
    ids = store(vectors)
    index = dense.index()
    assert index.snapshot is None and len(index) == 30
    assert set(index.nearest(vectors[2], limit=1)) == {ids[2]}
