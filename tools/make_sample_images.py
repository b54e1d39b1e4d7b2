"""Make the sample images in resources/images/, made for this project.

Run: python tools/make_sample_images.py

- ``shapes.png`` (128×128, RGB): flat shapes, lines at several angles and a
  few letters with clear edges. The colours differ in brightness too, so the
  picture reads well as grayscale.
- ``texture.png`` (96×96, RGB): a photo-like wood grain, synthesized from
  hashed value noise (no random generator, so every run gives the same file).

Both are deterministic: the shapes are drawn with QPainter and the bundled
DejaVu font, the texture is pure integer and float arithmetic.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "images"


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    QFontDatabase.addApplicationFont(str(ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"))
    return app


def draw_shapes(size: int = 128):
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF

    image = QImage(size, size, QImage.Format.Format_RGB888)
    image.fill(QColor(236, 234, 226))  # paper
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    s = size / 128  # drawn on a 128-unit canvas
    p.scale(s, s)

    p.setBrush(QColor(32, 64, 160))  # blue disc, dark in grey
    p.drawEllipse(QRectF(10, 10, 46, 46))
    p.setBrush(QColor(236, 150, 30))  # orange square, light in grey
    p.drawRect(QRectF(70, 12, 44, 44))
    p.setBrush(QColor(40, 124, 64))  # green triangle
    p.drawPolygon(QPolygonF([QPointF(14, 118), QPointF(40, 70), QPointF(66, 118)]))
    p.setBrush(QColor(150, 150, 150))  # grey ring inside the square
    ring = QPainterPath()
    ring.addEllipse(QRectF(80, 22, 24, 24))
    ring.addEllipse(QRectF(86, 28, 12, 12))
    p.drawPath(ring)

    for width, (x0, y0, x1, y1) in ((1.0, (74, 64.5, 122, 64.5)), (2.0, (74, 72, 122, 88)), (3.0, (74, 96, 98, 72))):
        p.setPen(QPen(QColor(20, 20, 20), width))
        p.drawLine(QPointF(x0, y0), QPointF(x1, y1))

    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(22)
    p.setFont(font)
    p.setPen(QColor(150, 24, 32))  # dark red letters
    p.drawText(QRectF(70, 96, 56, 28), Qt.AlignmentFlag.AlignCenter, "CNN")
    p.end()
    return image


def _hash_noise(ix: np.ndarray, iy: np.ndarray, seed: int) -> np.ndarray:
    """A value in [0, 1) for each integer lattice point, from integer hashing."""
    h = (ix.astype(np.uint32) * np.uint32(374761393) + iy.astype(np.uint32) * np.uint32(668265263)
         + np.uint32((seed * 2246822519) & 0xFFFFFFFF))
    h = (h ^ (h >> np.uint32(13))) * np.uint32(1274126177)
    h = h ^ (h >> np.uint32(16))
    return (h & np.uint32(0xFFFFFF)).astype(np.float64) / float(0x1000000)


def _value_noise(x: np.ndarray, y: np.ndarray, seed: int) -> np.ndarray:
    """Smoothly interpolated lattice noise in [0, 1)."""
    x0, y0 = np.floor(x), np.floor(y)
    fx, fy = x - x0, y - y0
    ux, uy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
    ix, iy = x0.astype(np.int64) & 0xFFFF, y0.astype(np.int64) & 0xFFFF
    a, b = _hash_noise(ix, iy, seed), _hash_noise(ix + 1, iy, seed)
    c, d = _hash_noise(ix, iy + 1, seed), _hash_noise(ix + 1, iy + 1, seed)
    return (a * (1 - ux) + b * ux) * (1 - uy) + (c * (1 - ux) + d * ux) * uy


def _fbm(x: np.ndarray, y: np.ndarray, seed: int, octaves: int = 4) -> np.ndarray:
    total, amplitude, norm = np.zeros_like(x), 1.0, 0.0
    for o in range(octaves):
        total += amplitude * _value_noise(x * 2**o, y * 2**o, seed + o)
        norm += amplitude
        amplitude *= 0.5
    return total / norm


def wood_texture(size: int = 96) -> np.ndarray:
    """``(size, size, 3)`` uint8 wood grain: warped rings plus fine fibres."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float64) / size
    warp = _fbm(x * 3, y * 3, seed=7)
    # Rings around a centre off the picture, stretched along the grain.
    d = np.sqrt(((x - 1.3) * 0.35) ** 2 + (y + 0.2) ** 2) * 9 + warp * 1.6
    rings = 0.5 + 0.5 * np.cos(2 * np.pi * d)
    rings = rings**2.2  # narrow dark latewood bands
    fibres = _fbm(x * 6, y * 48, seed=19, octaves=3)  # fine streaks along x
    tone = np.clip(0.56 * (1 - rings) + 0.34 * fibres + 0.10 * warp, 0, 1)
    light, dark = np.array([214, 172, 122]), np.array([104, 62, 34])
    rgb = dark + (light - dark) * tone[..., None]
    return np.round(np.clip(rgb, 0, 255)).astype(np.uint8)


def save_rgb(pixels: np.ndarray, path: Path) -> None:
    from PySide6.QtGui import QImage

    h, w, _ = pixels.shape
    data = np.ascontiguousarray(pixels)
    QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy().save(str(path), "PNG")


def main() -> None:
    _app()
    OUT.mkdir(parents=True, exist_ok=True)
    draw_shapes().save(str(OUT / "shapes.png"), "PNG")
    save_rgb(wood_texture(), OUT / "texture.png")
    for name in ("shapes.png", "texture.png"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
