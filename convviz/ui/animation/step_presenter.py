"""Shows the animator's current step on the window's grids and ledger.

For each step it turns the :class:`~convviz.core.frame.Frame` (the same
model every recording is drawn from) into the views' overlays and captions:
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

from PySide6.QtCore import QCoreApplication, QObject

from convviz.core.errors import ConvError
from convviz.core.frame import Frame, FrameView
from convviz.core.frame_views import step_of_view_cell
from convviz.core.trace import StepTrace
from convviz.core.transposed_trace import landings
from convviz.ui.animation.animator import Animator
from convviz.ui.grid.grid_overlay import GridOverlay
from convviz.ui.panels.input_panel import InputPanel
from convviz.ui.panels.kernel_panel import KernelPanel
from convviz.ui.panels.ledger_view import LedgerView
from convviz.ui.panels.output_panel import OutputPanel

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
        outputs.viewChosen.connect(animator.set_view)
        outputs.equation.cellClicked.connect(self._on_view_cell_clicked)
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

    def _on_view_cell_clicked(self, position: int, row: int, col: int) -> None:
        """A partial map's cell goes to the step that sums it; a column of U to that window."""
        frame, trace = self.animator.frame(), self.animator.trace
        if frame is None or trace is None or position >= len(frame.views):
            return
        index = step_of_view_cell(trace, frame, frame.views[position], row, col)
        if index is not None:
            self.animator.set_index(index)

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
        scene = self.animator.document.scene
        if scene.params.transposed:  # the cells its scattered kernel lands on
            try:
                geometry = scene.transposed_geometry()
            except ConvError:
                return []
            inside = 0 <= row < geometry.input_hw[0] and 0 <= col < geometry.input_hw[1]
            return [(land.row, land.col) for land in landings(geometry, row, col) if land.inside] if inside else []
        try:
            geo = scene.geometry()
        except ConvError:
            return []
        H, W = geo.input_hw
        if not (0 <= row < H and 0 <= col < W):
            return []
        rows, cols = geo.readers(row, col)
        return [(int(r), int(c)) for r in rows for c in cols]

    # -- presenting ------------------------------------------------------------
    def present(self) -> None:
        """Show the animator's frame: every overlay and caption comes from
        :func:`convviz.core.frames.frame_at`, as in every recording; only the
        mouse's marks (a hovered ledger term, "who reads me") are the window's own."""
        self._views_shown = self._views()
        frame = self.animator.frame()
        if frame is None:
            self._clear()
            return
        if self.animator.wrt is not None:  # Backward mode draws its frame itself; the ledger writes it
            self.ledger.set_ledger(frame.ledger, channel=frame.focus.kernel_channel)
            return
        self._present_inputs(frame)
        self._present_kernels(frame)
        self._present_outputs(frame)
        self.ledger.set_ledger(frame.ledger, channel=frame.focus.kernel_channel)

    def _clear(self) -> None:
        for view in [*self.inputs.views, *self.kernels.all_views(), *self.outputs.views]:
            view.set_overlay(None)
        for block in self.kernels.blocks:
            block.set_active(False)
        self.outputs.equation.set_frame(None)
        self.ledger.set_ledger(None, QCoreApplication.translate(
            "StepPresenter", "No steps to show: the parameters give no output. The feature-map panel says why."))

    def _present_inputs(self, frame: Frame) -> None:
        focus = frame.focus
        hovered_input: tuple[int, int, int] | None = None
        # A forward step's ledger terms point at its window's cells (a transposed
        # scene's lines name their cells in the text).
        if self._hovered_term is not None and type(self.animator.trace) is StepTrace:
            ch, (i, j) = self._hovered_term
            t = focus.cell.tap(i, j)
            top, _, left, _ = frame.inputs[0].padding
            hovered_input = (focus.input_channels[ch], t.row + top, t.col + left)
        reader = self._reader_source
        # Views and the frame may disagree in number for a moment while the
        # panels rebuild after a shape change; they present again once rebuilt.
        for ch, (view, block, grid) in enumerate(zip(self.inputs.views, self.inputs.blocks, frame.inputs)):
            marked = set()
            if hovered_input is not None and hovered_input[0] == ch:
                marked.add(hovered_input[1:])
            if reader is not None and reader[0] == ch:
                marked.add((reader[1] + view.padding.top, reader[2] + view.padding.left))
            view.set_overlay(GridOverlay.of(grid, frozenset(marked)))
            block.set_caption(grid.caption, grid.caption_state, grid.colour, self.inputs.theme)

    def _present_kernels(self, frame: Frame) -> None:
        hovered = self._hovered_term
        self.kernels.follow_active(frame.kernel)  # a crowded window shows the kernel being stepped
        for k, (block, grids, bias) in enumerate(zip(self.kernels.blocks, frame.kernels, frame.biases)):
            active = k == frame.kernel
            block.set_active(active)
            for ch, (view, grid) in enumerate(zip(block.views, grids)):
                marked = frozenset({hovered[1]}) if active and hovered is not None and hovered[0] == ch else frozenset()
                view.set_overlay(GridOverlay.of(grid, marked))
                block.grid_blocks[ch].set_caption(grid.caption, grid.caption_state, grid.colour, self.kernels.theme)
            block.bias_view.set_overlay(GridOverlay.of(bias))
            block.bias_block.set_caption(bias.caption, bias.caption_state, None, self.kernels.theme)

    def _present_outputs(self, frame: Frame) -> None:
        self.outputs.show_view(frame.options.view.value)
        self.outputs.equation.set_frame(frame if frame.options.view is not FrameView.MAPS else None)
        readers = frozenset(self.readers())
        for view, block, grid in zip(self.outputs.views, self.outputs.blocks, frame.outputs):
            view.set_overlay(GridOverlay.of(grid, readers))
            block.set_caption(grid.caption, grid.caption_state, None, self.outputs.theme)
