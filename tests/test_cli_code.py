"""``convviz code``: the generated PyTorch and NumPy scripts print exactly what
``convviz compute`` prints, for every built-in scene and every parameter."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from convviz.cli import main
from convviz.core import scenefile
from convviz.core.catalogue import builtin_scene_ids
from convviz.core.codegen import generate_code
from convviz.core.errors import ConvError
from convviz.core.scene import ConvParams, Kernel, Scene

LANGS = ["numpy", "torch"]


def _need(lang: str) -> None:
    if lang == "torch":
        pytest.importorskip("torch")


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _run_in_process(script: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "<generated>", "exec"), {"__name__": "__main__"})  # noqa: S102 - our own output
    return out.getvalue()


# A fresh interpreter per script; torch takes seconds to import, so those run
# in CI (slow) and the in-process variants below cover torch here too.
@pytest.mark.parametrize("lang", ["numpy", pytest.param("torch", marks=pytest.mark.slow)])
@pytest.mark.parametrize("scene_id", builtin_scene_ids())
def test_the_script_for_every_built_in_scene_prints_what_compute_prints(capsys, tmp_path, scene_id, lang):
    _need(lang)
    code, script, err = _cli(capsys, "code", scene_id, "--lang", lang)
    assert code == 0, err
    code, expected, err = _cli(capsys, "compute", scene_id)
    assert code == 0, err
    path = tmp_path / "scene.py"
    path.write_text(script, encoding="utf-8")
    # Run as a student would: a fresh interpreter, no convviz needed.
    result = subprocess.run(
        [sys.executable, "-I", str(path)], capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected


def _scene(C=4, H=6, W=7, K=4, kh=3, kw=2, seed=0, **params) -> Scene:
    rng = np.random.default_rng(seed)
    p = ConvParams(**params)
    c = C // p.groups
    x = rng.integers(-4, 5, size=(H, W, C)).astype(float)
    kernels = [Kernel(f"W{k}", rng.integers(-2, 3, size=(kh, kw, c)) / 4, float(k) - 1.5) for k in range(K)]
    return Scene(x, tuple(kernels), p, "variant", "")


VARIANTS = {
    **{f"{mode} padding 1×2": dict(padding=(1, 2), padding_mode=mode) for mode in ("zeros", "reflect", "replicate", "circular")},
    **{f'{mode} padding "same"': dict(padding="same", padding_mode=mode) for mode in ("zeros", "reflect", "replicate", "circular")},
    'zeros "same", even kernel, dilation 2': dict(padding="same", dilation=(2, 1), kh=2, kw=4),
    'reflect "same", even kernel': dict(padding="same", padding_mode="reflect", kh=2, kw=2),
    '"valid"': dict(padding="valid"),
    "stride 2×3": dict(stride=(2, 3), padding=(1, 1)),
    "dilation 2×1, circular": dict(dilation=(2, 1), padding=(2, 1), padding_mode="circular"),
    "groups 2": dict(groups=2),
    "depthwise, groups 4, replicate, stride 2": dict(groups=4, padding=(1, 1), padding_mode="replicate", stride=2),
    "one channel, one kernel": dict(C=1, K=1, kh=3, kw=3),
    "transposed": dict(op="conv_transpose", H=3, W=4),
    "transposed, stride 2, padding 1, output padding 1": dict(
        op="conv_transpose", stride=2, padding=(1, 0), output_padding=(1, 1), H=3, W=3
    ),
    "transposed, dilation 2, groups 2": dict(op="conv_transpose", dilation=(2, 1), groups=2, stride=(1, 2), H=4, W=3),
    "transposed, depthwise groups 4": dict(op="conv_transpose", groups=4, stride=3, output_padding=(2, 1), H=2, W=2),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_padding_mode_stride_dilation_groups_and_transposed_scene_prints_what_compute_prints(
    capsys, tmp_path, variant, lang
):
    _need(lang)
    scene = _scene(**VARIANTS[variant])
    path = tmp_path / "variant.json"
    scenefile.save(path, scene)
    code, expected, err = _cli(capsys, "compute", str(path))
    assert code == 0, err
    assert _run_in_process(generate_code(scene, lang)) == expected


def test_names_are_escaped_in_the_script_as_compute_escapes_them(capsys, tmp_path):
    scene = _scene(C=1, K=1).renamed("evil\x1b[2J\u202ename")
    scene = scene.with_kernel(0, Kernel("k\x07", scene.kernels[0].weights, 1.0))
    path = tmp_path / "evil.json"
    scenefile.save(path, scene)
    code, expected, err = _cli(capsys, "compute", str(path))
    assert code == 0, err
    script = generate_code(scene, "numpy", source="evil\x1b.json")
    assert "\x1b" not in script and "\u202e" not in script and "\x07" not in script
    assert _run_in_process(script) == expected


def test_an_impossible_scene_is_refused_as_compute_refuses_it(capsys, tmp_path):
    scene = _scene(H=2, W=2, kh=3, kw=3)
    path = tmp_path / "small.json"
    scenefile.save(path, scene)
    with pytest.raises(ConvError):
        generate_code(scene, "numpy")
    code, out, err = _cli(capsys, "code", str(path))
    assert code == 2 and out == "" and err.startswith("convviz: error: ") and len(err.splitlines()) == 1


def test_an_unknown_language_is_a_usage_error(capsys):
    code, out, err = _cli(capsys, "code", "seed-3.4", "--lang", "jax")
    assert code == 2 and out == "" and "--lang" in err


def test_the_torch_script_uses_torch_and_the_numpy_script_does_not():
    scene = _scene(padding=(1, 1), padding_mode="reflect")
    torch_script, numpy_script = generate_code(scene, "torch"), generate_code(scene, "numpy")
    assert "F.conv2d(" in torch_script and "F.pad(" in torch_script
    assert "torch" not in numpy_script.replace("PyTorch", "")
    transposed = generate_code(_scene(op="conv_transpose", H=3, W=3), "torch")
    assert "F.conv_transpose2d(" in transposed


def test_the_code_command_never_imports_qt():
    program = (
        "import sys, contextlib, io\nfrom convviz.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['code', 'seed-3.3']) == 0\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]\n"
    )
    subprocess.run([sys.executable, "-c", program], check=True, timeout=120, cwd=Path(__file__).parents[1])
