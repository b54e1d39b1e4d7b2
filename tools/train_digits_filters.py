"""Train a small CNN on scikit-learn's bundled 8×8 digits and ship its first
layer as convviz's built-in trained filters.

Run: python tools/train_digits_filters.py [--check]

The network: conv 8 filters 3×3 (valid) → ReLU → 2×2 max pool → dense 10 →
softmax, trained with Adam on a stratified 75/25 split of
``sklearn.datasets.load_digits`` (1,797 images, offline: the data ships
inside scikit-learn), pixel values divided by 16 so they lie in 0..1. NumPy
only, seeded, so every run gives the same filters (up to the last bits of
floating-point summation on a different BLAS; the filters are rounded to 3
decimals and the test accuracy is measured with the rounded filters).

It writes:

- ``resources/presets/digits-cnn.json``: the 8 filters with their biases, a
  kernel preset whose description records the script, data, seed and test
  accuracy;
- ``resources/images/digit-3.png``: a test-set 3 the network reads right,
  as an 8×8 grey picture (value v/16 as round(v·255/16));
- ``resources/samples/digits.json``: the sample that puts the filters on it.

``--check`` writes nothing: it trains and says whether the shipped preset is
what this run gives. scikit-learn is a tool dependency only
(``pip install scikit-learn``); convviz never imports it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convviz.core import scenefile  # noqa: E402
from convviz.core.scene import Kernel, KernelPreset  # noqa: E402

SEED = 0
FILTERS, K = 8, 3
EPOCHS, BATCH, LEARNING_RATE = 40, 32, 0.01
DECIMALS = 3
PRESET = ROOT / "resources" / "presets" / "digits-cnn.json"
IMAGE = ROOT / "resources" / "images" / "digit-3.png"
SAMPLE = ROOT / "resources" / "samples" / "digits.json"


def patches(images: np.ndarray) -> np.ndarray:
    """(N, 8, 8) → (N, 36, 9): every 3×3 window, row-major."""
    windows = np.lib.stride_tricks.sliding_window_view(images, (K, K), axis=(1, 2))
    n, oh, ow = windows.shape[:3]
    return windows.reshape(n, oh * ow, K * K)


def forward(params: dict[str, np.ndarray], cols: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    n = cols.shape[0]
    z = cols @ params["w1"].reshape(FILTERS, K * K).T + params["b1"]  # (N, 36, 8)
    a = np.maximum(z, 0).reshape(n, 3, 2, 3, 2, FILTERS)  # 6×6 maps in 2×2 blocks
    pooled = a.max(axis=(2, 4))  # (N, 3, 3, 8)
    h = pooled.reshape(n, -1)
    logits = h @ params["w2"] + params["b2"]
    return logits, {"z": z, "a": a, "pooled": pooled, "h": h}


def gradients(params, cols, labels):  # noqa: ANN001, ANN201
    n = cols.shape[0]
    logits, cache = forward(params, cols)
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(n), labels] -= 1
    dlogits = p / n
    grads = {"w2": cache["h"].T @ dlogits, "b2": dlogits.sum(axis=0)}
    dpooled = (dlogits @ params["w2"].T).reshape(n, 3, 1, 3, 1, FILTERS)
    # The gradient flows to the largest value of each 2×2 block, through the ReLU.
    mask = cache["a"] == cache["pooled"].reshape(n, 3, 1, 3, 1, FILTERS)
    dz = (dpooled * mask).reshape(n, 36, FILTERS) * (cache["z"] > 0)
    grads["w1"] = np.einsum("npk,npt->kt", dz, cols).reshape(FILTERS, 1, K, K)
    grads["b1"] = dz.sum(axis=(0, 1))
    return grads


def accuracy(params, cols, labels) -> float:  # noqa: ANN001
    return float((forward(params, cols)[0].argmax(axis=1) == labels).mean())


def train() -> tuple[dict[str, np.ndarray], float, dict]:
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = digits.images / 16.0
    x_train, x_test, y_train, y_test, _, i_test = train_test_split(
        images, digits.target, np.arange(len(images)), test_size=0.25, random_state=SEED, stratify=digits.target
    )
    rng = np.random.default_rng(SEED)
    params = {
        "w1": rng.normal(0, np.sqrt(2 / (K * K)), (FILTERS, 1, K, K)),
        "b1": np.zeros(FILTERS),
        "w2": rng.normal(0, np.sqrt(1 / 72), (72, 10)),
        "b2": np.zeros(10),
    }
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    cols_train, cols_test = patches(x_train), patches(x_test)
    step = 0
    for _ in range(EPOCHS):
        order = rng.permutation(len(x_train))
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            grads = gradients(params, cols_train[batch], y_train[batch])
            step += 1
            for key, g in grads.items():  # Adam
                m, v = moments[key]
                m[:] = 0.9 * m + 0.1 * g
                v[:] = 0.999 * v + 0.001 * g * g
                m_hat, v_hat = m / (1 - 0.9**step), v / (1 - 0.999**step)
                params[key] -= LEARNING_RATE * m_hat / (np.sqrt(v_hat) + 1e-8)
    params["w1"] = np.round(params["w1"], DECIMALS)
    params["b1"] = np.round(params["b1"], DECIMALS)
    test_accuracy = accuracy(params, cols_test, y_test)
    # The sample: the first test-set 3 the network reads right.
    predicted = forward(params, cols_test)[0].argmax(axis=1)
    pick = next(i for i in range(len(y_test)) if y_test[i] == 3 and predicted[i] == 3)
    sample = {"index": int(i_test[pick]), "image": digits.images[i_test[pick]], "test_size": len(y_test)}
    return params, test_accuracy, sample


def preset(params: dict[str, np.ndarray], test_accuracy: float, test_size: int) -> KernelPreset:
    kernels = tuple(
        Kernel(f"digits f{k}", params["w1"][k].transpose(1, 2, 0), float(params["b1"][k])) for k in range(FILTERS)
    )
    description = (
        f"Real trained filters: the first layer (8 filters 3×3, with biases) of a small CNN, conv → ReLU → 2×2 max "
        f"pool → dense 10, trained by tools/train_digits_filters.py on scikit-learn's bundled 8×8 digits "
        f"(load_digits, 1,797 images, pixels/16 so 0..1; 75/25 stratified split), NumPy and Adam, seed {SEED}, "
        f"{EPOCHS} epochs. Test accuracy {test_accuracy:.1%} on {test_size} held-out digits, with these filters "
        f"rounded to {DECIMALS} decimals. Try them on the sample “digits”."
    )
    return KernelPreset(kernels, None, "digits-cnn", description)


def sample_recipe(index: int) -> dict:
    return {
        "convviz_sample": 1,
        "name": "sample: digits",
        "description": (
            f"An 8×8 handwritten 3 (scikit-learn's digits, image {index}, held out from training) under the 8 "
            "trained filters of digits-cnn: each answers to a stroke direction or an edge, as a network's first "
            "layer does. Pixel values 0..1, as in training."
        ),
        "image": IMAGE.name,
        "channels": "gray",
        "scale": "0-1",
        "max_side": None,
        "kernels": ["digits-cnn"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; say whether the shipped preset matches")
    args = parser.parse_args()
    params, test_accuracy, sample = train()
    made = preset(params, test_accuracy, sample["test_size"])
    print(f"test accuracy {test_accuracy:.4f} ({sample['test_size']} digits); sample image {sample['index']}")
    if args.check:
        shipped = scenefile.load(PRESET)
        same = shipped == made
        print("the shipped preset matches" if same else "the shipped preset differs from this run")
        return 0 if same else 1
    from PIL import Image

    scenefile.save(PRESET, made)
    pixels = np.round(sample["image"] * 255 / 16).astype(np.uint8)
    Image.fromarray(pixels).save(IMAGE, optimize=True)
    SAMPLE.write_text(json.dumps(sample_recipe(sample["index"]), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {PRESET.relative_to(ROOT)}, {IMAGE.relative_to(ROOT)}, {SAMPLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
