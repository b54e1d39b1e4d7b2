"""``convviz code SCENE --lang torch|numpy``: the scene as a standalone script.

The script prints exactly what ``convviz compute SCENE`` prints (see
:mod:`convviz.core.codegen`). Numpy only here, no Qt.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_code_parser"]


def add_code_parser(commands: argparse._SubParsersAction, scene_of) -> None:  # noqa: ANN001
    """Register ``code``; ``scene_of`` resolves the SCENE argument as every command does."""
    from convviz.core.codegen import LANGUAGES

    def run(args: argparse.Namespace) -> int:
        from convviz.core.codegen import generate_code

        sys.stdout.write(generate_code(scene_of(args.scene), args.lang, source=args.scene))
        return 0

    p = commands.add_parser(
        "code",
        help="print a standalone PyTorch or NumPy script that computes the scene's feature maps",
        epilog="The script prints exactly what `convviz compute SCENE` prints: "
        "convviz code seed-3.4 > s.py && diff <(python s.py) <(convviz compute seed-3.4)",
    )
    p.add_argument("scene", help="built-in scene name or scene file")
    p.add_argument("--lang", choices=LANGUAGES, default="torch", help="torch (torch.nn.functional) or numpy (default torch)")
    p.set_defaults(run=run)
