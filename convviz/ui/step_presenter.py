"""Shows the animator's current step on the window's grids and ledger.

For each step it turns the :class:`~convviz.core.focus.Focus` into overlays:
the receptive field on every input channel the kernel reads (only the
tapped cells, so dilation's gaps stay visible), the active kernel and
channel emphasized and the rest dimmed, the current tap and its input cell,
the bias at the "+ bias" step, and the output cell being written.

It also handles the clicks that belong to stepping: a click on an output cell
jumps to its step, a click on an input cell shows every output cell that
reads it ("who reads me"), and hovering a product in the ledger points at its
input cell and weight.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject

from convviz.core.errors import ConvError
from convviz.core.focus import Focus
from convviz.core.trace import Level
from convviz.ui.animator import Animator
from convviz.ui.input_panel import InputPanel
from convviz.ui.kernel_panel import KernelPanel
from convviz.ui.ledger_view import LedgerView
from convviz.ui.matrix_view import GridOverlay
from convviz.ui.output_panel import OutputPanel

__all__ = ["StepPresenter"]


class StepPresenter(QObject):
    def __init__(
        self,
        animator: Animator,
        inputs: InputPanel,
        kernels: KernelPanel,
        outputs: OutputPanel,
        ledger: LedgerView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.animator, self.inputs, self.kernels, self.outputs, self.ledger = animator, inputs, kernels, outputs, ledger
        self._hovered_term: tuple[int, tuple[int, int]] | None = None
        self._reader_source: tuple[int, int, int] | None = None  # channel, row, col
        animator.indexChanged.connect(self.present)
        animator.traceChanged.connect(self._on_trace_changed)
        ledger.termHovered.connect(self._on_term_hovered)
        outputs.cellClicked.connect(self._on_output_clicked)
        inputs.cellClicked.connect(self._on_input_clicked)
        # Panels rebuild their views when shapes change (or the view mode),
        # after the animator has shown the step: show it on the new views too.
        animator.document.sceneChanged.connect(self._on_views_maybe_rebuilt)
        outputs.maps.changed.connect(self._on_views_maybe_rebuilt)
        self._views_shown: tuple[object, ...] = ()
        self.present()

    def _on_trace_changed(self) -> None:
        self._reader_source = None
        self.present()

    def _views(self) -> tuple[object, ...]:
        return self.inputs.views, self.kernels.blocks, self.outputs.views

    def _on_views_maybe_rebuilt(self, *_args: object) -> None:
        if any(now is not shown for now, shown in zip(self._views(), self._views_shown)):
            self.present()

    # -- clicks and hovers -----------------------------------------------------
    def _on_output_clicked(self, kernel: int, row: int, col: int) -> None:
        self._reader_source = None
        self.animator.jump_to_cell(kernel, row, col)
        self.present()

    def _on_input_clicked(self, channel: int, row: int, col: int) -> None:
        source = (channel, row, col)
        self._reader_source = None if self._reader_source == source else source
        self.present()

    def _on_term_hovered(self, term: tuple[int, tuple[int, int]] | None) -> None:
        self._hovered_term = term
        self.present()

    def readers(self) -> list[tuple[int, int]]:
        """Output cells (row, col) that read the clicked input cell, in every map."""
        if self._reader_source is None:
            return []
        _, row, col = self._reader_source
        try:
            geo = self.animator.document.scene.geometry()
        except ConvError:
            return []
        H, W = geo.input_hw
        if not (0 <= row < H and 0 <= col < W):
            return []
        rows, cols = geo.readers(row, col)
        return [(int(r), int(c)) for r in rows for c in cols]

    # -- presenting ------------------------------------------------------------
    def present(self) -> None:
        self._views_shown = self._views()
        focus = self.animator.focus()
        if focus is None:
            self._clear()
            return
        self._present_inputs(focus)
        self._present_kernels(focus)
        self._present_outputs(focus)
        self.ledger.set_ledger(focus.ledger)

    def _clear(self) -> None:
        for view in [*self.inputs.views, *self.kernels.all_views(), *self.outputs.views]:
            view.set_overlay(None)
        for block in self.kernels.blocks:
            block.set_active(False)
        self.ledger.set_ledger(None, "No steps to show: the parameters give no output. The feature-map panel says why.")

    def _present_inputs(self, focus: Focus) -> None:
        taps = frozenset(focus.taps)
        channel_level = focus.input_channel is not None
        hovered_input: tuple[int, int, int] | None = None
        if self._hovered_term is not None:
            ch, (i, j) = self._hovered_term
            t = focus.cell.tap(i, j)
            pad = self.inputs.views[0].padding if self.inputs.views else None
            top, left = (pad.top, pad.left) if pad is not None else (0, 0)
            hovered_input = (focus.input_channels[ch], t.row + top, t.col + left)
        reader = self._reader_source
        for ch, view in enumerate(self.inputs.views):
            read = ch in focus.input_channels
            emphasized = focus.input_channel == ch
            marked = set()
            if hovered_input is not None and hovered_input[0] == ch:
                marked.add(hovered_input[1:])
            if reader is not None and reader[0] == ch:
                marked.add((reader[1] + view.padding.top, reader[2] + view.padding.left))
            view.set_overlay(
                GridOverlay(
                    tapped=taps if read else frozenset(),
                    window_box=focus.window_box if read else None,
                    current=focus.current_input if emphasized and focus.current_input is not None else None,
                    marked=frozenset(marked),
                    dimmed=(not read) or (channel_level and not emphasized),
                    emphasized=emphasized,
                )
            )

    def _present_kernels(self, focus: Focus) -> None:
        hovered = self._hovered_term
        for k, block in enumerate(self.kernels.blocks):
            active = k == focus.kernel
            block.set_active(active)
            for ch, view in enumerate(block.views):
                emphasized = active and (focus.kernel_channel is None or focus.kernel_channel == ch)
                rows, cols = view.grid_shape
                marked = frozenset({hovered[1]}) if active and hovered is not None and hovered[0] == ch else frozenset()
                view.set_overlay(
                    GridOverlay(
                        window_box=(0, 0, rows - 1, cols - 1) if emphasized else None,
                        current=focus.current_tap if active and focus.kernel_channel == ch and focus.current_tap else None,
                        marked=marked,
                        dimmed=not emphasized,
                        emphasized=emphasized,
                    )
                )
            block.bias_view.set_overlay(
                GridOverlay(
                    current=(0, 0) if active and focus.bias_lit else None,
                    window_box=(0, 0, 0, 0) if active and focus.level is not Level.CELL and focus.bias_lit else None,
                    dimmed=not active or (focus.kernel_channel is not None),
                )
            )

    def _present_outputs(self, focus: Focus) -> None:
        trace = self.animator.trace
        hidden = None
        if self.animator.reveal and trace is not None:
            hidden = ~trace.computed_mask(self.animator.index)
        readers = frozenset(self.readers())
        for k, view in enumerate(self.outputs.views):
            current = focus.output_cell if k == focus.kernel else None
            view.set_overlay(
                GridOverlay(
                    current=current,
                    marked=readers,
                    hidden=None if hidden is None else np.ascontiguousarray(hidden[:, :, k]),
                )
            )
