"""The sentence encoder (all-MiniLM-L6-v2 in NumPy): unit vectors that put paraphrases near each
other and unrelated sentences apart, batched or not, and the fast GELU against the exact one."""

import numpy as np
import pytest

from claims.retrieval import embeddings

SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The new movie is awesome.",
    "The harbour authority will keep the ferry running until 2030.",
    "Officials said the island's ferry service would continue for years.",
]


@pytest.fixture(scope="module")
def encoder():
    return embeddings.encoder()


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


def test_the_tanh_gelu_stays_within_a_cosine_of_the_exact_one(encoder, monkeypatch):
    fast = encoder.encode(SENTENCES)
    monkeypatch.setattr(embeddings, "_gelu", embeddings._gelu_exact)
    exact = encoder.encode(SENTENCES)
    assert float((fast * exact).sum(axis=1).min()) > 0.9999


def test_long_input_is_truncated_not_refused(encoder):
    vector = encoder.encode(["word " * 5000])[0]
    assert np.isfinite(vector).all() and abs(np.linalg.norm(vector) - 1) < 1e-5
