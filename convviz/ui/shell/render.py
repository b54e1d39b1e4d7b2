"""Rendering the window offscreen to a PNG or JPEG (``convviz render``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from convviz.core.scene import Scene

__all__ = ["render_to_png", "render_window"]


def render_window(scene: Scene, size: tuple[int, int] = (1280, 720), step: int | None = None, level: str = "channel",  # noqa: ANN201
                  *, reveal: bool = False, map_scale: str = "shared", wrt: str | None = None, view: str = "maps",
                  transposed_view: str = "scatter"):
    """A QImage of the main window showing ``scene`` at ``step``, exactly ``size``."""
    from convviz.ui.base.runtime import make_app

    app = make_app(offscreen=True)
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from convviz.ui.base.runtime import Settings
    from convviz.ui.shell.main_window import MainWindow

    window = MainWindow(scene, settings=Settings())
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*size)
    window.show()
    app.processEvents()
    window.animator.set_level(level)
    window.animator.set_transposed_view(transposed_view)
    window.set_reveal(reveal)
    window.set_map_scale(map_scale)
    if wrt is not None:
        window.backward_mode.set_active(True, wrt)
        if window.animator.trace is None:  # say why, as the command line's other paths do
            from convviz.core.backward_trace import backward_trace

            backward_trace(scene, wrt, level)
    window.set_view(view)
    if step is not None:
        if len(window.animator) and not 0 <= step < len(window.animator):
            from convviz.core.errors import ConvError

            raise ConvError(
                "--step {step} is outside the scene's steps 0..{len_window_animator_1} at level {level}",
                step=step, len_window_animator_1=len(window.animator) - 1, level=level,
            )
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
    image_format: str = "PNG",
    cancelled: Callable[[], bool] | None = None,
    *,
    reveal: bool = False,
    map_scale: str = "shared",
    wrt: str | None = None,
    view: str = "maps",
    transposed_view: str = "scatter",
) -> None:
    """Write the window (or, with ``layout="presentation"``, a recording frame)
    to a ``"PNG"`` or ``"JPEG"`` image. If ``cancelled()`` is true once the
    image is drawn, nothing is written."""
    from convviz.core.errors import RenderOptionError, SceneFileError
    from convviz.core.files import write_target

    if image_format not in ("PNG", "JPEG"):
        raise RenderOptionError("image format {image_format!r}: choose PNG or JPEG", image_format=image_format)
    write_target(path)  # a device or folder is refused before any work

    if layout == "presentation":
        from convviz.ui.recording.frame_renderer import make_trace, render_frame_image

        trace = make_trace(scene, level, wrt=wrt, transposed_view=transposed_view)
        if step is not None and trace is not None and not 0 <= step < len(trace):
            raise RenderOptionError(
                "--step {step} is outside the scene's steps 0..{len_trace_1} at level {level}",
                step=step, len_trace_1=len(trace) - 1, level=level,
            )
        image = render_frame_image(scene, size=size, step=step or 0, level=level, reveal=reveal, map_scale=map_scale,
                                   trace=trace, view=view)  # fmt: skip
    else:
        image = render_window(scene, size, step, level, reveal=reveal, map_scale=map_scale, wrt=wrt, view=view,
                              transposed_view=transposed_view)  # fmt: skip
    target = Path(path)
    if not target.parent.exists():
        raise SceneFileError("the folder does not exist", source=str(target))
    if image.size().width() != size[0] or image.size().height() != size[1]:
        raise RuntimeError(f"rendered {image.width()}×{image.height()}, expected {size[0]}×{size[1]}")
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    from convviz.core.files import write_atomic

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image_format == "JPEG":
        image.convertToFormat(QImage.Format.Format_RGB32).save(buffer, "JPEG", 92)
    else:
        image.save(buffer, "PNG")
    if cancelled is not None and cancelled():
        return
    write_atomic(target, bytes(buffer.data()))
