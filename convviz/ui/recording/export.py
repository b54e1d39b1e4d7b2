"""Exporting the animation: H.264 MP4, looping GIF, animated PNG, numbered PNGs.

Every frame is rendered offscreen by :mod:`convviz.ui.recording.frame_renderer` from
(scene, step index) at exactly the requested size; nothing is grabbed from
the screen. Each step is shown for ``1/fps`` seconds and the last one for
``hold_last`` seconds more.

- MP4: imageio drives the ffmpeg binary that the imageio-ffmpeg wheel
  carries (libx264, yuv420p, BT.709). Players cope badly with very low frame
  rates, so the video runs at :func:`video_rate` (at least 10 frames/s) and
  each step lasts ``frames_per_step`` video frames; ffmpeg repeats them, so
  each step is rendered and piped once.
- GIF and APNG: Pillow, one frame per step whose duration is the step's
  hold (the last frame's includes ``hold_last``); the GIF loops forever with
  an adaptive palette per frame.
- PNG frames: ``frame_0000.png`` … at ``fps`` frames/s, the hold as repeated
  last frames, for a video editor's image-sequence import.

Nothing half-written is ever left at the target: the export goes to a
hidden temporary name beside it and is renamed into place at the end; a
cancelled or failed export removes it.

:class:`ExportJob` does the work in small steps, so the GUI can drive it
from a timer and stay responsive; :func:`export_animation` runs one to the
end.
"""

from __future__ import annotations

import errno
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np

from convviz.core.errors import ConvError, ExportOptionError, Message, SceneFileError
from convviz.core.files import remove_stale_temp_files, write_target
from convviz.core.scene import Scene
from convviz.core.trace import Level

__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportJob",
    "ExportOptions",
    "ExportResult",
    "export_animation",
    "export_from_cli",
    "output_format",
    "video_rate",
]

# Output kinds, by what the target's name ends with.
FORMATS = {".mp4": "mp4", ".gif": "gif", ".apng": "apng"}
FORMAT_NAMES = {"mp4": "H.264 MP4", "gif": "GIF", "apng": "animated PNG", "frames": "PNG frames"}
MIN_VIDEO_RATE = 10.0  # video frames per second an MP4 has at least
MAX_FPS = 60.0
MIN_FPS = 0.1  # a step lasts at most 10 s
MAX_HOLD_S = 600.0  # ten minutes on the last step; with a 10 s step it still fits a GIF delay (655 s)
MAX_FRAMES = 100_000  # frames in one export: about 28 minutes at 60 frames/s
GIF_MIN_DELAY_CS = 2  # browsers play shorter GIF delays slowly (as 10 cs)
MAX_HELD_BYTES = 3 * 2**30  # frames a GIF or APNG export may keep in memory until it writes the file


class ExportCancelled(Exception):
    """The user cancelled; nothing was left at the target."""


@dataclass(frozen=True)
class ExportOptions:
    size: tuple[int, int] = (1280, 720)
    fps: float = 2.0  # steps per second
    level: str = "channel"
    order: str = "kernel"  # kernel by kernel, or position by position
    kernel: int | str | None = None  # only this kernel's steps (name or index)
    first: int | None = None  # first step, counted within the kernel's steps if one is given
    last: int | None = None  # last step, inclusive
    # True: ``first``/``last`` are step numbers of the whole animation counted
    # from 0, as the frames and the window show them ("step 50 of 89"), with
    # or without a kernel (the command line's --from/--to).
    global_steps: bool = False
    hold_last: float = 1.0  # seconds the last step stays
    theme: str = "light"
    scale: float = 1.0
    caption: str | None = None  # None: the scene's name
    reveal: bool = False  # blank the output cells not computed yet
    map_scale: str = "shared"  # the maps share one colour scale, or each has its own ("own")
    view: str = "maps"  # the feature-map section's view: "maps", "partial-maps" or "im2col"
    transposed_view: str = "scatter"  # a transposed scene's steps: "scatter" or its equivalent "direct" convolution
    device_pixel_ratio: float = 1.0
    wrt: str | None = None  # a backward-pass result to step: "input", "weight" or "bias"


@dataclass
class ExportResult:
    path: Path
    format: str  # "mp4", "gif", "apng" or "frames"
    size: tuple[int, int]
    steps: int  # steps rendered
    frames: int  # frames in the file (or PNG files written)
    frames_per_step: int
    hold_frames: int  # frames the last step's hold adds (MP4 and PNG frames)
    frame_rate: float  # frames per second of the file
    duration: float  # seconds
    seconds: float = 0.0  # how long the export took
    step_indices: list[int] = field(default_factory=list, repr=False)


def output_format(path: str | os.PathLike[str]) -> str:
    """``mp4``, ``gif``, ``apng`` or ``frames`` (a folder) for a target path."""
    text = os.fspath(path)
    target = Path(text)
    if text.endswith(("/", os.sep)) or target.is_dir():
        return "frames"
    suffix = target.suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if suffix == ".png":
        raise ExportOptionError("{text}: a .png name is ambiguous; use .apng for an animated PNG, a folder (frames/) for "
                                "numbered PNG frames, or `convviz render` for one image", text=text)  # fmt: skip
    if suffix:
        raise ExportOptionError(
            "{text}: unknown kind of output {suffix!r}; use .mp4, .gif, .apng or a folder/ for PNG frames",
            text=text, suffix=suffix,
        )
    return "frames"


def video_rate(fps: float) -> tuple[int, Fraction]:
    """``(frames_per_step, video frames per second)`` of an MP4 at ``fps`` steps/s."""
    step_rate = Fraction(fps).limit_denominator(1000)
    per_step = max(1, math.ceil(MIN_VIDEO_RATE / float(step_rate) - 1e-9))
    return per_step, step_rate * per_step


def _rate_text(rate: Fraction) -> str:
    return str(rate.numerator) if rate.denominator == 1 else f"{rate.numerator}/{rate.denominator}"


def _pixel_size(options: ExportOptions) -> tuple[int, int]:
    """The frames' size in pixels: the size times the pixel ratio."""
    return round(options.size[0] * options.device_pixel_ratio), round(options.size[1] * options.device_pixel_ratio)


def _check_options(options: ExportOptions, kind: str) -> None:
    o = options
    if not (math.isfinite(o.device_pixel_ratio) and 0.5 <= o.device_pixel_ratio <= 4):
        raise ExportOptionError("pixel ratio {ratio:g}: must be 0.5..4", ratio=o.device_pixel_ratio)
    w, h = _pixel_size(options)
    if not (16 <= w <= 7680 and 16 <= h <= 4320):
        raise ExportOptionError("size {w}×{h}: width and height must be 16..7680 and 16..4320", w=w, h=h)
    if not (math.isfinite(o.fps) and o.fps > 0):
        raise ExportOptionError("fps {fps:g}: steps per second must be more than 0", fps=o.fps)
    if o.fps > MAX_FPS:
        raise ExportOptionError("fps {fps:g}: at most {most:g} steps per second", fps=o.fps, most=MAX_FPS)
    if o.fps < MIN_FPS:
        raise ExportOptionError("fps {fps:g}: at least {least:g} steps per second (a step lasts at most {longest:g} s)",
                                fps=o.fps, least=MIN_FPS, longest=1 / MIN_FPS)  # fmt: skip
    if not (math.isfinite(o.hold_last) and o.hold_last >= 0):
        raise ExportOptionError("hold-last {hold:g}: seconds must be 0 or more", hold=o.hold_last)
    if o.hold_last > MAX_HOLD_S:
        raise ExportOptionError("hold-last {hold:g}: at most {most:g} seconds", hold=o.hold_last, most=MAX_HOLD_S)
    if not (math.isfinite(o.scale) and 0.25 <= o.scale <= 4):
        raise ExportOptionError("scale {scale:g}: must be 0.25..4", scale=o.scale)
    if kind == "mp4" and (w % 2 or h % 2):
        raise ExportOptionError("size {w}×{h}: H.264 MP4 (yuv420p) needs an even width and height, e.g. {even_w}×{even_h}",
                                w=w, h=h, even_w=w + w % 2, even_h=h + h % 2)  # fmt: skip
    try:
        Level(o.level)
    except ValueError:
        raise ExportOptionError("level {level!r}: choose cell, channel or multiply", level=o.level) from None


def _ffmpeg_exe() -> str:
    """The ffmpeg that MP4 export runs; refused before anything is written if
    there is none."""
    hint = "export a .gif or .apng instead, or install ffmpeg (or set IMAGEIO_FFMPEG_EXE to it)"
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise ExportOptionError("MP4 export needs ffmpeg, which was not found; {hint}", hint=hint) from None
    found = exe if os.path.isfile(exe) else shutil.which(exe)
    if not found or not os.access(found, os.X_OK):
        raise ExportOptionError("MP4 export needs ffmpeg, but {exe} is missing or can't be run; {hint}",
                                exe=exe, hint=hint)
    return found


def _reason(exc: BaseException, folder: Path) -> str:
    """A short reason for a failed write. ffmpeg is run quietly and its log is
    not repeated; when it just stopped, the folder is checked for the usual
    causes."""
    if isinstance(exc, OSError) and exc.strerror and exc.errno != errno.EPIPE and "FFMPEG" not in str(exc):
        return exc.strerror
    try:
        if shutil.disk_usage(folder).free < 1 << 20:
            return "No space left on device"
    except OSError:
        pass
    if not os.access(folder, os.W_OK):
        return "Permission denied"
    return "ffmpeg stopped while writing"


def _write_error(target: Path, exc: BaseException) -> SceneFileError:
    return SceneFileError("cannot be written: {reason}; nothing was left behind",
                          reason=_reason(exc, target.parent), source=str(target))


class _Writer:
    """Writes frames to a temporary target; :meth:`commit` renames it into place."""

    def __init__(self, target: Path, options: ExportOptions) -> None:
        self.target = target
        self.options = options

    def add(self, frame: np.ndarray, count: int) -> None:  # one step's frame, shown ``count`` ticks
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError


def _temp_file(target: Path, suffix: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".partial{suffix}", dir=target.parent)
    os.close(fd)
    return Path(name)


def _remove(path: Path | None) -> None:
    if path is None:
        return
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        pass


def _publish(temp: Path, target: Path) -> None:
    """Rename ``temp`` to ``target``, with the permissions a new file would have."""
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, (0o777 if temp.is_dir() else 0o666) & ~umask)
    except OSError:
        pass
    os.replace(temp, target)


class _Mp4Writer(_Writer):
    def __init__(self, target: Path, options: ExportOptions, frames_per_step: int, rate: Fraction, total_frames: int) -> None:
        super().__init__(target, options)
        import imageio.v2 as iio

        self.temp = _temp_file(target, ".mp4")
        step_rate = Fraction(options.fps).limit_denominator(1000)
        # Frames go in at the step rate and come out at the video rate: ffmpeg
        # repeats each one, after converting it to YUV once.
        self._writer = iio.get_writer(
            str(self.temp),
            format="FFMPEG",
            mode="I",
            fps=float(step_rate),
            codec="libx264",
            quality=None,
            pixelformat="yuv420p",
            macro_block_size=2,
            ffmpeg_log_level="quiet",  # a failure becomes one line of ours, not ffmpeg's log
            input_params=["-r", _rate_text(step_rate)],
            output_params=[
                "-r", _rate_text(rate),
                "-frames:v", str(total_frames),
                "-crf", "18", "-preset", "veryfast", "-tune", "stillimage",
                # RGB to BT.709 YUV, tagged as such, so players show the theme's colours.
                "-vf", "scale=out_color_matrix=bt709:out_range=tv,"
                       "setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv",
                "-movflags", "+faststart",
            ],
        )  # fmt: skip
        self._per_step = frames_per_step

    def add(self, frame: np.ndarray, count: int) -> None:
        # ``count`` video frames: whole steps at the input rate (the last
        # partial one is cut by -frames:v).
        for _ in range(math.ceil(count / self._per_step)):
            self._writer.append_data(frame)

    def close(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.close()

    def commit(self) -> None:
        self.close()
        _publish(self.temp, self.target)

    def discard(self) -> None:
        try:
            self.close()
        finally:
            _remove(self.temp)


class _PillowWriter(_Writer):
    """GIF or APNG: frames are kept (a GIF's already reduced to a palette) and
    written at the end, when every duration is known."""

    def __init__(self, target: Path, options: ExportOptions, kind: str) -> None:
        super().__init__(target, options)
        self.kind = kind
        self.temp = _temp_file(target, ".gif" if kind == "gif" else ".png")
        self._frames: list = []
        self._durations: list[float] = []

    def add(self, frame: np.ndarray, count: int) -> None:
        from PIL import Image

        image = Image.fromarray(frame, "RGB")
        if self.kind == "gif":
            # An adaptive palette per frame, without dithering: flat colours
            # and text edges stay clean.
            image = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        self._frames.append(image)
        self._durations.append(1000.0 / self.options.fps)

    def add_hold(self, seconds: float) -> None:
        if self._durations:
            self._durations[-1] += seconds * 1000.0

    def close(self) -> None:
        pass

    def file_durations(self) -> list[int]:
        """Each frame's duration in ms as the file stores it.

        GIF delays count whole hundredths of a second, and at least 2: each
        is rounded so that the running total stays as close to the asked
        timing as whole hundredths allow (at 30 steps/s: 3, 3, 4, 3, 3, 4 …).
        """
        if self.kind != "gif":
            return [int(round(d)) for d in self._durations]
        out, asked, given = [], 0.0, 0
        for d in self._durations:
            asked += d / 10.0
            delay = max(GIF_MIN_DELAY_CS, int(round(asked)) - given)
            given += delay
            out.append(delay * 10)
        return out

    def commit(self) -> None:
        first, rest = self._frames[0], self._frames[1:]
        durations = self.file_durations()
        if self.kind == "gif":
            first.save(self.temp, format="GIF", save_all=True, append_images=rest, duration=durations, loop=0,
                       optimize=True, disposal=1)  # fmt: skip
        else:
            first.save(self.temp, format="PNG", save_all=True, append_images=rest, duration=durations, loop=0,
                       disposal=0, blend=0, compress_level=6)  # fmt: skip
        self._frames = []
        _publish(self.temp, self.target)

    def discard(self) -> None:
        self._frames = []
        _remove(self.temp)


class _FramesWriter(_Writer):
    """Numbered PNGs in a temporary folder, renamed to the target at the end."""

    def __init__(self, target: Path, options: ExportOptions, total_frames: int) -> None:
        super().__init__(target, options)
        self.temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
        self.count = 0
        self.digits = max(4, len(str(total_frames - 1)))  # names sort in frame order

    def _name(self, n: int) -> str:
        return f"frame_{n:0{self.digits}d}.png"

    def add(self, frame: np.ndarray, count: int) -> None:
        from PIL import Image

        image = Image.fromarray(frame, "RGB")
        first = self.temp / self._name(self.count)
        image.save(first, format="PNG", compress_level=1)
        self.count += 1
        for _ in range(count - 1):  # the hold: copies of the last frame
            shutil.copyfile(first, self.temp / self._name(self.count))
            self.count += 1

    def close(self) -> None:
        pass

    def commit(self) -> None:
        if self.target.exists():
            if any(self.target.iterdir()):
                raise SceneFileError("the folder is not empty; frames are only written into a new or empty folder",
                                     source=str(self.target))  # fmt: skip
            self.target.rmdir()  # an empty folder: replace it (Windows can't rename over one)
        _publish(self.temp, self.target)

    def discard(self) -> None:
        _remove(self.temp)


def _target_path(out_path: str | os.PathLike[str], kind: str) -> Path:
    text = os.fspath(out_path)
    target = Path(text.rstrip("/" + os.sep) or text).expanduser()
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise SceneFileError("the folder to write into does not exist", source=str(parent))
    if kind == "frames":
        if target.exists() and not target.is_dir():
            raise SceneFileError("is a file, not a folder for PNG frames", source=str(target))
        if target.is_dir() and any(target.iterdir()):
            raise SceneFileError("the folder is not empty; frames are only written into a new or empty folder",
                                 source=str(target))  # fmt: skip
    else:
        target = write_target(target)  # a link's target; never a device or FIFO
    return target


class ExportJob:
    """One export, done a step at a time.

    ``start()``, then ``advance()`` until it returns True, then ``finish()``;
    ``abort()`` at any point removes everything written. Raises
    :class:`ConvError` / :class:`SceneFileError` for bad options or targets.
    """

    def __init__(self, scene: Scene, out_path: str | os.PathLike[str], options: ExportOptions | None = None) -> None:
        from convviz.core.step_range import kernel_step_range, resolve_kernel
        from convviz.ui.recording.frame_renderer import FrameRenderer, make_trace, resolve_theme

        self.scene = scene
        self.options = options = options or ExportOptions()
        self.kind = output_format(out_path)
        _check_options(options, self.kind)
        resolve_theme(options.theme)
        self.target = _target_path(out_path, self.kind)
        if options.wrt is not None and options.kernel is not None:
            raise ExportOptionError("--kernel picks a kernel's steps of the forward pass; leave it out with --wrt")
        trace = make_trace(scene, options.level, options.order, options.wrt, options.transposed_view)
        if trace is None:
            try:
                scene.request()
                message: Message = Message("it has no steps")
            except ConvError as exc:
                message = exc.message
            raise ConvError("nothing to export: {message}", message=message)
        self.trace = trace
        kernel = resolve_kernel(scene, options.kernel)
        steps = kernel_step_range(trace, kernel)
        if options.global_steps:
            self.step_indices = _global_step_range(scene, trace, steps, kernel, options.first, options.last)
        else:
            what = Message("the scene has") if kernel is None else Message("kernel {name} has", name=scene.kernels[kernel].name)
            first = 0 if options.first is None else options.first
            last = len(steps) - 1 if options.last is None else options.last
            for name, value in (("--from", first), ("--to", last)):
                if not 0 <= value < len(steps):
                    raise ExportOptionError(
                        "{name} {value} is outside the steps: {what} steps 0..{last} at level {level}",
                        name=name, value=value, what=what, last=len(steps) - 1, level=trace.level.value,
                    )
            if first > last:
                raise ExportOptionError("--from {first} comes after --to {last}", first=first, last=last)
            self.step_indices = list(steps[first : last + 1])  # trace indices
        self.renderer = FrameRenderer(cache_size=2)
        if self.kind == "mp4":
            _ffmpeg_exe()

        if self.kind == "mp4":
            self.frames_per_step, rate = video_rate(options.fps)
            self.frame_rate = float(rate)
            self.hold_frames = int(round(options.hold_last * self.frame_rate))
            self._rate = rate
        elif self.kind == "frames":
            self.frames_per_step, self.frame_rate = 1, float(options.fps)
            self.hold_frames = int(round(options.hold_last * options.fps))
        else:  # GIF/APNG: the hold lengthens the last frame
            self.frames_per_step, self.frame_rate, self.hold_frames = 1, float(options.fps), 0
        self.total_frames = len(self.step_indices) * self.frames_per_step + self.hold_frames
        if self.total_frames > MAX_FRAMES:
            numbers = {"frames": self.total_frames, "steps": len(self.step_indices), "hold": self.hold_frames, "most": MAX_FRAMES}
            raise ExportOptionError(
                Message("the export would have {frames:,} frames ({steps:,} steps and {hold:,} frames of hold); at most {most:,}: "
                        "export fewer steps (--from/--to, --kernel, --level cell) or a shorter --hold-last", **numbers)
                if self.hold_frames else
                Message("the export would have {frames:,} frames ({steps:,} steps); at most {most:,}: export fewer steps "
                        "(--from/--to, --kernel, --level cell) or a shorter --hold-last", **numbers))  # fmt: skip
        if self.kind in ("gif", "apng"):
            # Pillow writes these at the end, from frames kept in memory.
            w, h = _pixel_size(options)
            needed = len(self.step_indices) * w * h * (1 if self.kind == "gif" else 3)
            if needed > MAX_HELD_BYTES:
                raise ConvError(
                    "{steps} steps at {w}×{h} are too many for a {kind} (it would hold {gib:.1f} GiB of frames); export an "
                    "MP4, or fewer steps with --from/--to, --kernel or --level cell",
                    steps=len(self.step_indices), w=w, h=h, kind=FORMAT_NAMES[self.kind], gib=needed / 2**30,
                )
        self.done = 0  # steps rendered
        self._writer: _Writer | None = None
        self._started = 0.0
        self._finished = False

    @property
    def total(self) -> int:
        """Steps to render (the unit of progress)."""
        return len(self.step_indices)

    def start(self) -> None:
        self._started = time.perf_counter()
        remove_stale_temp_files(self.target.parent)  # left by exports that were killed
        try:
            if self.kind == "mp4":
                self._writer = _Mp4Writer(self.target, self.options, self.frames_per_step, self._rate, self.total_frames)
            elif self.kind == "frames":
                self._writer = _FramesWriter(self.target, self.options, self.total_frames)
            else:
                self._writer = _PillowWriter(self.target, self.options, self.kind)
        except OSError as exc:
            raise _write_error(self.target, exc) from None

    def render(self, position: int) -> np.ndarray:
        """The RGB pixels of the ``position``-th exported step."""
        from convviz.ui.recording.frame_renderer import frame_array, render_frame_image

        o = self.options
        image = render_frame_image(
            self.trace.scene, size=o.size, step=self.step_indices[position], level=o.level, theme=o.theme, scale=o.scale,
            caption=o.caption, device_pixel_ratio=o.device_pixel_ratio, reveal=o.reveal, map_scale=o.map_scale, view=o.view,
            renderer=self.renderer,
            trace=self.trace,
        )  # fmt: skip
        return frame_array(image)

    def advance(self, budget_s: float = 0.0) -> bool:
        """Render and write steps for about ``budget_s`` seconds (at least
        one); True once every step is written."""
        if self._writer is None:
            self.start()
        assert self._writer is not None
        until = time.perf_counter() + budget_s
        while self.done < self.total:
            frame = self.render(self.done)
            last = self.done == self.total - 1
            count = self.frames_per_step + (self.hold_frames if last else 0)
            try:
                self._writer.add(frame, count)
            except OSError as exc:  # disk full, permission gone, ffmpeg died
                raise _write_error(self.target, exc) from None
            if last and isinstance(self._writer, _PillowWriter):
                self._writer.add_hold(self.options.hold_last)
            self.done += 1
            if time.perf_counter() >= until:
                break
        return self.done >= self.total

    def finish(self) -> ExportResult:
        """Close the file and move it into place."""
        assert self._writer is not None and self.done >= self.total
        writer = self._writer
        try:
            writer.commit()
        except OSError as exc:
            self.abort()
            raise _write_error(self.target, exc) from None
        except BaseException:
            self.abort()
            raise
        self._finished = True
        frames = self.total_frames
        duration = self.total / self.options.fps + self.options.hold_last
        if self.kind == "mp4":
            duration = frames / self.frame_rate
        elif isinstance(writer, _PillowWriter):  # what the file really plays
            duration = sum(writer.file_durations()) / 1000.0
        return ExportResult(
            path=self.target, format=self.kind, size=tuple(self.options.size), steps=self.total,  # type: ignore[arg-type]
            frames=frames, frames_per_step=self.frames_per_step, hold_frames=self.hold_frames,
            frame_rate=self.frame_rate, duration=duration, seconds=time.perf_counter() - self._started,
            step_indices=self.step_indices,
        )  # fmt: skip

    def abort(self) -> None:
        """Stop and remove whatever was written (safe to call twice)."""
        if self._writer is not None and not self._finished:
            writer, self._writer = self._writer, None
            writer.discard()


def _global_step_range(scene: Scene, trace, steps, kernel: int | None, first: int | None, last: int | None) -> list[int]:
    """Trace indices for step numbers ``first``..``last`` of the whole
    animation, counted from 0 as the frames show them; with a kernel, only
    that kernel's steps in that range."""
    total = len(trace)
    level = trace.level.value
    first = 0 if first is None else first
    last = total - 1 if last is None else last
    for name, value in (("--from", first), ("--to", last)):
        if not 0 <= value < total:
            raise ExportOptionError("{name} {value} is outside the steps: the animation has steps 0..{last} at level {level}",
                                    name=name, value=value, last=total - 1, level=level)  # fmt: skip
    if first > last:
        raise ExportOptionError("--from {first} comes after --to {last}", first=first, last=last)
    chosen = [i for i in steps if first <= i <= last]
    if not chosen:
        name = scene.kernels[kernel].name if kernel is not None else ""
        shown = list(steps)
        span = f"{shown[0]}..{shown[-1]}" if shown == list(range(shown[0], shown[-1] + 1)) else "others"
        raise ExportOptionError("--from {first} --to {last} holds none of kernel {name}'s steps ({span} at level {level})",
                                first=first, last=last, name=name, span=span, level=level)  # fmt: skip
    return chosen


def export_animation(
    scene: Scene,
    out_path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Export ``scene``'s animation to ``out_path`` (``.mp4``, ``.gif``,
    ``.apng`` or a folder for PNG frames).

    ``progress(done, total)`` is called after each step; ``cancelled()`` is
    polled between steps, and when it returns True the partial output is
    removed and :class:`ExportCancelled` raised. Errors leave nothing behind
    either.
    """
    job = ExportJob(scene, out_path, options)
    job.start()
    try:
        while True:
            if cancelled is not None and cancelled():
                raise ExportCancelled(f"export to {job.target} cancelled; nothing was written")
            finished = job.advance()
            if progress is not None:
                progress(job.done, job.total)
            if finished:
                break
        return job.finish()
    except BaseException:
        job.abort()
        raise


def export_from_cli(
    scene: Scene,
    args: object,
    cancelled: Callable[[], bool] | None = None,
    report: Callable[[str], None] = print,
) -> int:
    """``convviz export``: options from the parsed command line, one line of
    report. ``cancelled`` is polled between steps (signals, in the CLI)."""
    options = ExportOptions(
        size=tuple(args.size),  # type: ignore[attr-defined]
        fps=float(args.fps),  # type: ignore[attr-defined]
        level=args.level,  # type: ignore[attr-defined]
        kernel=args.kernel,  # type: ignore[attr-defined]
        first=args.first,  # type: ignore[attr-defined]
        last=args.last,  # type: ignore[attr-defined]
        global_steps=True,
        hold_last=float(args.hold_last),  # type: ignore[attr-defined]
        theme=args.theme,  # type: ignore[attr-defined]
        scale=float(args.scale),  # type: ignore[attr-defined]
        caption=getattr(args, "caption", None),
        reveal=bool(getattr(args, "reveal", False)),
        map_scale=getattr(args, "map_scale", "shared"),
        wrt=getattr(args, "wrt", None),
        view=getattr(args, "view", "maps"),
        transposed_view=getattr(args, "transposed_view", "scatter"),
    )
    result = export_animation(scene, args.output, options, cancelled=cancelled)  # type: ignore[attr-defined]
    w, h = result.size
    report(
        f"wrote {result.path} ({FORMAT_NAMES[result.format]}, {w}×{h}, {result.steps} steps, "
        f"{result.frames} frames, {result.duration:.1f} s) in {result.seconds:.1f} s"
    )
    return 0
