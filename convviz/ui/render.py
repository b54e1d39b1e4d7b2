"""Rendering the window offscreen to a PNG (``convviz render``)."""

from __future__ import annotations

from pathlib import Path

from convviz.core.scene import Scene

__all__ = ["render_to_png", "render_window"]


def render_window(scene: Scene, size: tuple[int, int] = (1280, 720), step: int | None = None, level: str = "channel",  # noqa: ANN201
                  *, reveal: bool = False, map_scale: str = "shared"):
    """A QImage of the main window showing ``scene`` at ``step``, exactly ``size``."""
    from convviz.ui.app import make_app

    app = make_app(offscreen=True)
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from convviz.ui.main_window import MainWindow

    window = MainWindow(scene, use_settings=False)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*size)
    window.show()
    app.processEvents()
    window.animator.set_level(level)
    window.set_reveal(reveal)
    window.set_map_scale(map_scale)
    if step is not None:
        if len(window.animator) and not 0 <= step < len(window.animator):
            from convviz.core.errors import ConvError

            raise ConvError(f"--step {step} is outside the scene's steps 0..{len(window.animator) - 1} at level {level}")
        window.animator.set_index(step)
    window.fit_cells()
    app.processEvents()
    if (window.width(), window.height()) != tuple(size):
        # Smaller than the window can be: render a larger frame of the same
        # shape and scale it down, so the PNG still has exactly ``size``.
        factor = max(window.minimumSizeHint().width() / size[0], window.minimumSizeHint().height() / size[1], 1.0)
        window.resize(round(size[0] * factor), round(size[1] * factor))
        window.fit_cells()
        app.processEvents()
    image = QImage(window.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    window.render(image)
    if (image.width(), image.height()) != tuple(size):
        image = image.scaled(
            size[0], size[1], Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    window.close()
    window.deleteLater()
    app.processEvents()
    return image


def render_to_png(
    scene: Scene,
    path: str | Path,
    size: tuple[int, int] = (1280, 720),
    step: int | None = None,
    level: str = "channel",
    layout: str = "window",
    *,
    reveal: bool = False,
    map_scale: str = "shared",
) -> None:
    """Write the window (or, with ``layout="presentation"``, a recording frame) to a PNG."""
    from convviz.core.errors import SceneFileError

    if layout == "presentation":
        from convviz.ui.frame_renderer import render_frame_image

        image = render_frame_image(scene, size=size, step=step or 0, level=level, reveal=reveal, map_scale=map_scale)
    else:
        image = render_window(scene, size, step, level, reveal=reveal, map_scale=map_scale)
    target = Path(path)
    if not target.parent.exists():
        raise SceneFileError("the folder does not exist", source=str(target))
    if image.size().width() != size[0] or image.size().height() != size[1]:
        raise RuntimeError(f"rendered {image.width()}×{image.height()}, expected {size[0]}×{size[1]}")
    from PySide6.QtCore import QBuffer, QIODevice

    from convviz.core.scenefile import write_atomic

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    write_atomic(target, bytes(buffer.data()))
