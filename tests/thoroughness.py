"""How hard the property tests try: thoroughly in CI, quickly elsewhere.

CI sets ``CI=true`` (so does ``CONVVIZ_THOROUGH=1`` on a developer's
machine); the README's test command is then the same command, only more
thorough, and it also runs the tests marked ``slow``.
"""

from __future__ import annotations

import os

THOROUGH = os.environ.get("CI", "").lower() in ("1", "true", "yes") or bool(os.environ.get("CONVVIZ_THOROUGH"))


def examples(thorough: int) -> int:
    """Hypothesis examples for a property: ``thorough`` in CI, a quarter elsewhere."""
    return thorough if THOROUGH else max(10, thorough // 4)
