"""The built-in trained filters (digits-cnn) and the digit sample they ship with."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from convviz.core.catalogue import find_builtin
from convviz.core.samples import sample_entries
from convviz.core.scene import KernelPreset

REPO = Path(__file__).resolve().parents[2]


def test_the_trained_filters_load_as_a_kernel_preset_of_eight_3x3_filters():
    entry = find_builtin("digits-cnn")
    assert entry is not None and isinstance(entry.item, KernelPreset), entry and entry.error
    assert entry.item.kernel_shape == (3, 3, 1, 8)
    weights = np.stack([k.weights for k in entry.item.kernels])
    # Trained, not hand-made: no two filters alike, values that aren't whole numbers.
    assert len({w.tobytes() for w in weights}) == 8
    assert not np.all(weights == np.round(weights))


def test_the_description_records_script_data_seed_and_test_accuracy():
    description = find_builtin("digits-cnn").item.description
    assert "tools/train_digits_filters.py" in description
    assert "load_digits" in description and "seed 0" in description
    accuracy = re.search(r"Test accuracy (\d+(?:\.\d+)?)% on (\d+) held-out digits", description)
    assert accuracy is not None, description
    assert 90 <= float(accuracy.group(1)) <= 100


def test_the_digit_sample_puts_the_filters_on_an_8x8_digit():
    entry = next(e for e in sample_entries() if e.id == "digits")
    assert entry.recipe is not None, entry.error
    assert entry.recipe.kernel_ids == ("digits-cnn",) and len(entry.recipe.kernels) == 8
    assert entry.recipe.scale == "0-1" and entry.recipe.channels == "gray"
    from PIL import Image

    with Image.open(entry.recipe.image) as picture:
        assert picture.size == (8, 8)


@pytest.mark.slow
def test_the_training_script_reproduces_the_shipped_filters():
    pytest.importorskip("sklearn")
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "train_digits_filters.py"), "--check"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the shipped preset matches" in result.stdout
