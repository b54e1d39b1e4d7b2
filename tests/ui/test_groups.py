"""Groups that divide the input channels but not the kernel count: the
natural first try at a depthwise convolution (issue 11, item 2)."""

from __future__ import annotations

import pytest
from maps_checks import shown_maps

from convviz.core.catalogue import resolve_scene


@pytest.mark.parametrize(("scene_name", "K"), [("seed-3.4", 2), ("seed-3.3", 1)])
def test_groups_that_do_not_divide_k_are_explained_and_the_kernels_stay_whole(make_window, user, scene_name, K):
    window = make_window(scene_name)
    u = user(window)
    before = window.document.scene
    good = shown_maps(window).copy()

    u.set_spin(window.param_bar.groups, 3)

    message = f"groups 3 must divide the number of kernels K = {K}"
    assert window.document.scene.params.groups == 3
    assert window.output_panel.error_label.isVisible()
    assert message in window.output_panel.error_label.text()
    # The kernels panel still shows every kernel with all its channels.
    assert [len(b.views) for b in window.kernel_panel.blocks] == [3] * K
    assert window.document.scene.kernels == before.kernels
    assert (shown_maps(window) == good).all()

    u.set_spin(window.param_bar.groups, 1)

    assert window.document.scene == before
    assert not window.output_panel.error_label.isVisible()
    assert [len(b.views) for b in window.kernel_panel.blocks] == [3] * K


def test_setting_k_after_groups_makes_the_depthwise_convolution(make_window, user):
    window = make_window("seed-3.4")
    u = user(window)
    u.set_spin(window.param_bar.groups, 3)
    u.set_spin(window.kernel_panel.k_spin, 3)

    scene = window.document.scene
    assert scene.kernel_shape == (3, 3, 1, 3)
    assert not window.output_panel.error_label.isVisible()
    assert [b.views[0].parentWidget().caption_text for b in window.kernel_panel.blocks] == ["channel 1", "channel 2", "channel 3"]
    assert scene.feature_maps().shape == (3, 3, 3)
    assert resolve_scene("seed-3.4").kernels[0].weights[:, :, 0].tolist() == scene.kernels[0].weights[:, :, 0].tolist()
