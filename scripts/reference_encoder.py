"""The reference forward pass of all-MiniLM-L6-v2, written out in NumPy: no runtime, no torch.

The product runs the model with ONNX Runtime (claims.retrieval.embeddings, built by
scripts/build_encoder.py). This is the same model computed step by step from the float32 weights,
kept to hold the runtime to: tests/retrieval/test_embeddings.py compares their vectors, and
bench/encoder.py their speed. It reads the weights and tokenizer that build_encoder.py extracts
(var/encoder/model.safetensors and tokenizer.json).

The forward pass is BERT's: embeddings, six post-norm encoder layers (12-head self-attention, GELU
feed-forward), then the mean of the token vectors over the attention mask, L2-normalised, as
sentence-transformers pools this model (GELU in its tanh form by default: see _gelu).
"""

from __future__ import annotations

import math
import threading
from functools import cache
from pathlib import Path

import numpy as np

DIMENSIONS = 384
MAX_TOKENS = 128  # claims and tweets are short; the model was trained on up to 128 word pieces
_HEADS = 12
_LAYERS = 6
_EPS = 1e-12


def _model_dir() -> Path:
    from claims.retrieval.embeddings import model_dir

    return model_dir()


class Encoder:
    """Turns texts into unit vectors. Thread-safe: the tokenizer is guarded, NumPy is reentrant."""

    def __init__(self, model_dir: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        model_dir = model_dir or _model_dir()
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        self._lock = threading.Lock()
        w = load_file(str(model_dir / "model.safetensors"))
        self._words = w["embeddings.word_embeddings.weight"]
        self._positions = w["embeddings.position_embeddings.weight"]
        self._token_type = w["embeddings.token_type_embeddings.weight"][0]
        self._norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._layers = []
        for n in range(_LAYERS):
            p = f"encoder.layer.{n}."
            # Q, K and V in one matrix: one matmul instead of three.
            qkv_w = np.concatenate(
                [w[p + f"attention.self.{m}.weight"].T for m in ("query", "key", "value")], axis=1
            )
            qkv_b = np.concatenate([w[p + f"attention.self.{m}.bias"] for m in ("query", "key", "value")])
            self._layers.append(
                (
                    np.ascontiguousarray(qkv_w),
                    qkv_b,
                    np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    w[p + "attention.output.dense.bias"],
                    (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    w[p + "intermediate.dense.bias"],
                    np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    w[p + "output.dense.bias"],
                    (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        """One float32 unit vector a text (shape: len(texts) x 384)."""
        from claims.retrieval.embeddings import batched  # the batching the runtime's encoder uses

        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:
            encoded = self._tokenizer.encode_batch([t or "" for t in texts])
        return batched([e.ids for e in encoded], self._forward, batch_size=batch_size)

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        from claims.retrieval.embeddings import padded  # the padding the runtime's encoder uses

        tokens, ones = padded(batch)
        mask = ones.astype(np.float32)
        length = tokens.shape[1]
        x = self._words[tokens] + self._positions[:length] + self._token_type
        x = _layer_norm(x, *self._norm)
        # Padding is never attended to: a large negative score before the softmax.
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        n, t, d = x.shape
        head = d // _HEADS
        x = x.reshape(n * t, d)  # token rows: one large matrix product a weight, not one a text
        for qkv_w, qkv_b, out_w, out_b, norm1, up_w, up_b, down_w, down_b, norm2 in self._layers:
            qkv = x @ qkv_w + qkv_b
            q, k, v = (
                qkv[:, i * d : (i + 1) * d].reshape(n, t, _HEADS, head).transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = q @ k.transpose(0, 1, 3, 2)
            scores *= 1.0 / math.sqrt(head)
            scores += bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n * t, d)
            x = _layer_norm(x + context @ out_w + out_b, *norm1)
            x = _layer_norm(x + _gelu(x @ up_w + up_b) @ down_w + down_b, *norm2)
        x = x.reshape(n, t, d)
        summed = (x * mask[..., None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # GELU in its tanh form, which NumPy computes several times faster than an erf it lacks. Against
    # BERT's exact erf form, embeddings differ by a cosine of more than 0.9999 (a test checks it).
    inner = x * x
    inner *= 0.044715 * x
    inner += x
    inner *= math.sqrt(2.0 / math.pi)
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= 0.5 * x
    return inner


def _gelu_exact(x: np.ndarray) -> np.ndarray:
    """BERT's GELU, x * Phi(x), with erf from Abramowitz and Stegun 7.1.26 (error < 1.5e-7)."""
    z = np.abs(x) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return 0.5 * x * (1.0 + erf)


@cache
def encoder() -> Encoder:
    """One reference encoder a process (loading takes about a second and 90 MB)."""
    return Encoder()
