"""The sentence encoder (all-MiniLM-L6-v2, ONNX Runtime; float32, or int8 by setting): held to the
reference forward pass in NumPy (scripts/reference_encoder.py, from the float32 weights) on
sentences written here; unit vectors that put paraphrases near each other and unrelated sentences
apart, batched or not, on one thread."""

import numpy as np
import pytest

from claims.retrieval import embeddings
from scripts import reference_encoder

SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The new movie is awesome.",
    "The harbour authority will keep the ferry running until 2030.",
    "Officials said the island's ferry service would continue for years.",
    "Unemployment in the valley fell to 3.4 per cent last spring, the mayor said.",
    "The minister denied that the new hospital wing had cost twice its budget.",
    "Wheat prices will double if the port stays closed, the farmers' union warned.",
    "Ninety per cent of the town's buses now run on batteries.",
    "yes",
]


@pytest.fixture(scope="module")
def encoder():
    return embeddings.encoder()


@pytest.fixture(scope="module")
def reference():
    return reference_encoder.Encoder()


def test_the_runtime_computes_the_reference_forward_pass(encoder, reference, monkeypatch):
    # The graph computes BERT's exact (erf) GELU; so does the reference here.
    monkeypatch.setattr(reference_encoder, "_gelu", reference_encoder._gelu_exact)
    assert embeddings.MODEL_NAME == "all-MiniLM-L6-v2"  # float32 unless configured
    ours, theirs = encoder.encode(SENTENCES), reference.encode(SENTENCES)
    assert float((ours * theirs).sum(axis=1).min()) > 0.9999
    assert np.allclose(ours, theirs, atol=2e-3)


def test_the_int8_variant_holds_to_the_reference_forward_pass(reference, monkeypatch):
    monkeypatch.setattr(reference_encoder, "_gelu", reference_encoder._gelu_exact)
    ours = embeddings.Encoder(file=embeddings.VARIANTS["int8"][0]).encode(SENTENCES)
    theirs = reference.encode(SENTENCES)
    cosines = (ours * theirs).sum(axis=1)
    # int8 weights: near, not equal. Sentences land above 0.985; a one-word text, whose vector is
    # the mean of three tokens, a little lower. Paraphrases lie at 0.6 to 0.9.
    assert cosines[:-1].min() > 0.985, cosines
    assert cosines.min() > 0.95, cosines
    # The same sentence pairs are near and far under both.
    assert np.allclose(ours @ ours.T, theirs @ theirs.T, atol=0.05)


def test_vectors_are_unit_length_and_384_wide(encoder):
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), embeddings.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_paraphrases_are_nearer_than_unrelated_sentences(encoder):
    v = encoder.encode(SENTENCES)
    assert v[0] @ v[1] > 0.6 > v[0] @ v[2]
    assert v[3] @ v[4] > 0.5 > max(v[3] @ v[0], v[3] @ v[2])


def test_batching_and_padding_change_nothing(encoder):
    together = encoder.encode(SENTENCES)
    alone = np.stack([encoder.encode([s])[0] for s in SENTENCES])
    assert np.allclose(together, alone, atol=1e-5)


def test_int8_batching_moves_a_vector_a_little():
    int8 = embeddings.Encoder(file=embeddings.VARIANTS["int8"][0])
    together = int8.encode(SENTENCES)
    alone = np.stack([int8.encode([s])[0] for s in SENTENCES])
    # Activations are quantised with one scale a batch, so the company a text keeps in a batch
    # moves its vector a little (as far as int8 moves it from the float32 model), never far.
    assert float((together * alone).sum(axis=1).min()) > 0.95


def test_the_variant_is_chosen_by_setting(monkeypatch):
    monkeypatch.setenv("CLAIMS_ENCODER_VARIANT", "int8")
    assert embeddings.variant() == "int8"
    monkeypatch.setenv("CLAIMS_ENCODER_VARIANT", "int4")
    with pytest.raises(RuntimeError, match="CLAIMS_ENCODER_VARIANT"):
        embeddings.variant()


def test_one_thread_a_process_unless_configured(monkeypatch):
    assert embeddings.encoder()._session.get_session_options().intra_op_num_threads == 1
    monkeypatch.setenv("CLAIMS_ENCODER_THREADS", "2")
    assert embeddings.Encoder()._session.get_session_options().intra_op_num_threads == 2


def test_long_input_is_truncated_not_refused(encoder):
    vector = encoder.encode(["word " * 5000])[0]
    assert np.isfinite(vector).all() and abs(np.linalg.norm(vector) - 1) < 1e-5


def test_the_reference_tanh_gelu_stays_within_a_cosine_of_the_exact_one(reference, monkeypatch):
    fast = reference.encode(SENTENCES)
    monkeypatch.setattr(reference_encoder, "_gelu", reference_encoder._gelu_exact)
    exact = reference.encode(SENTENCES)
    assert float((fast * exact).sum(axis=1).min()) > 0.9999


def _encode_in_child(queue) -> None:
    from claims.retrieval import service

    try:
        queue.put(service._encode_beside("Harbour fares rose again").result(timeout=60).shape)
    except Exception as exc:  # the parent's assertion shows what went wrong
        queue.put(repr(exc))


def test_a_forked_worker_still_encodes_search_queries_beside_its_lexical_stage():
    """A search encodes its text on the process's encoding thread; a child forked after the parent
    started that thread (a Celery or gunicorn worker) has a thread of its own, not a dead one."""
    import multiprocessing

    from claims.retrieval import service

    assert service._encode_beside("Warm the parent's thread").result(timeout=60).shape == (1, 384)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_encode_in_child, args=(queue,))
    child.start()
    try:
        assert queue.get(timeout=90) == (1, 384)
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
