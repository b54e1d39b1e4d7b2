"""Where the files that ship with convviz live.

In an installed wheel they sit in ``convviz/resources`` (the build config
copies the top-level ``resources/`` folder there). In a source checkout or
an editable install they are the top-level ``resources/`` folder itself.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

__all__ = ["resources_dir"]


@cache
def resources_dir() -> Path:
    packaged = Path(str(files("convviz"))) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"convviz's resources are missing: looked in {packaged} and {checkout}")
