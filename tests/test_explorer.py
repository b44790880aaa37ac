import base64
import io
import math
import re
import warnings

import numpy as np
import pytest
from PIL import Image
from support import pixels

import nnmath as nm
from nnmath import landscapes
from nnmath.explorer import DescentView, EtaExplorer, Frame, describe, eta_explorer, html_player

ETAS = (0.1, 0.9, 2.5)  # on the unit bowl: still running, converging, growing (eta > 2)
STEPS = 15


def mean_abs_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).mean())


@pytest.fixture(scope="module")
def explorer() -> EtaExplorer:
    return eta_explorer(landscapes.bowl(), etas=ETAS, start=(2.5, 2.0), steps=STEPS)


@pytest.fixture(scope="module")
def page(explorer) -> str:
    return explorer.static_html()


# ---- describe ----------------------------------------------------------------------------------------------------


def quadratic_run(lr, steps, with_loss=True):
    loss = (lambda w: 0.5 * w @ w) if with_loss else None
    return nm.gradient_descent(lambda w: w, np.array([2.0, 1.0]), lr, steps, loss=loss)


def test_describe_converging_run_says_converged_and_when():
    traj = quadratic_run(0.5, 200)
    assert traj.converged
    text = describe(traj)
    assert "收敛" in text
    assert "发散" not in text
    assert str(traj.converged_at) in text


def test_describe_diverging_run_says_diverged_and_when():
    traj = quadratic_run(3.0, 200)
    assert traj.diverged
    text = describe(traj)
    assert "发散" in text
    assert "收敛" not in text
    assert str(traj.diverged_at) in text


def test_describe_growing_loss_counts_as_diverging():
    traj = quadratic_run(2.2, 10)
    assert traj.verdict == "growing"
    assert "发散" in describe(traj)


def test_describe_unfinished_run_neither_converged_nor_diverged():
    traj = quadratic_run(0.01, 10)
    text = describe(traj)
    assert "收敛" not in text
    assert "发散" not in text
    assert "10" in text


def test_describe_works_without_losses():
    assert "收敛" in describe(quadratic_run(0.5, 200, with_loss=False))


# ---- eta_explorer's checks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"etas": ()},
        {"etas": (-0.1, 0.2)},
        {"etas": (0.0, 0.2)},
        {"etas": (0.1, math.nan)},
        {"etas": (0.1, math.inf)},
        {"etas": (0.3, 0.1, 0.5)},
        {"start": (1.0, 2.0, 3.0)},
        {"start": (1.0,)},
        {"start": (math.nan, 0.0)},
        {"start": (0.0, math.inf)},
        {"steps": -5},
        {"steps": 2.5},
        {"initial": 8},
        {"initial": -1},
    ],
)
def test_eta_explorer_rejects_bad_input(kwargs):
    with pytest.raises(ValueError):
        eta_explorer(landscapes.bowl(), **kwargs)


def test_eta_explorer_defaults_to_the_middle_eta():
    ex = eta_explorer(landscapes.bowl(), etas=(0.1, 0.2, 0.3, 0.4, 0.5))
    assert ex.initial == 2
    assert ex.etas == [0.1, 0.2, 0.3, 0.4, 0.5]


def test_explorer_run_is_landscape_descent(explorer):
    traj = explorer.run(0.3)
    expected = explorer.landscape.descend((2.5, 2.0), 0.3, STEPS)
    np.testing.assert_array_equal(traj.points, expected.points)


# ---- the static (kernel-free) player -----------------------------------------------------------------------------


def test_static_html_has_one_image_per_eta(page):
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == len(ETAS)
    visible = [img for img in images if " hidden" not in img]
    assert len(visible) == 1
    assert f"η = {ETAS[1]:g}" in visible[0]  # the middle eta is shown first


def test_static_html_has_a_range_slider_over_the_frames(page):
    assert '<input type="range"' in page
    assert 'min="0"' in page
    assert f'max="{len(ETAS) - 1}"' in page


def test_static_html_loads_nothing_from_elsewhere(page):
    assert "http://" not in page
    assert "https://" not in page
    assert "src=" in page
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'src="([^"]*)"', page))


def test_static_html_frames_are_distinct_decodable_pngs(page):
    sources = re.findall(r'src="data:image/png;base64,([^"]*)"', page)
    assert len(set(sources)) == len(ETAS)
    sizes = {Image.open(io.BytesIO(base64.b64decode(s))).size for s in sources}
    assert len(sizes) == 1


def test_static_html_alt_text_describes_each_run(explorer, page):
    for eta in ETAS:
        assert describe(explorer.run(eta)) in page


def test_static_html_is_deterministic(explorer, page):
    assert explorer.static_html() == page
    again = eta_explorer(landscapes.bowl(), etas=ETAS, start=(2.5, 2.0), steps=STEPS)
    assert again.static_html() == page


def test_html_player_checks_its_arguments():
    frame = Frame(b"not really a png", "a", "b")
    with pytest.raises(ValueError):
        html_player([], "η")
    with pytest.raises(ValueError):
        html_player([frame], "η", initial=1)
    assert "<img" in html_player([frame], "η")


# ---- the display bundle and the live controls --------------------------------------------------------------------


def test_mimebundle_has_widget_html_and_text(explorer, page):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "text/plain" in bundle
    assert "text/html" in bundle
    assert bundle["text/html"] == page
    assert bundle["text/plain"] == repr(explorer)
    assert "EtaExplorer" in bundle["text/plain"]


def test_live_controls_redraw_when_eta_moves():
    ex = eta_explorer(landscapes.bowl(), etas=ETAS, start=(2.5, 2.0), steps=STEPS)
    live = ex.live()
    assert ex.live() is live
    before = live.picture.value
    assert Image.open(io.BytesIO(before)).format == "PNG"
    live.eta.value = ETAS[-1]
    after = live.picture.value
    assert after != before
    assert mean_abs_diff(pixels(before), pixels(after)) > 0.1
    live.start1.value = -1.0
    assert live.picture.value != after


# ---- blitting against the full redraw ----------------------------------------------------------------------------


def test_blit_render_matches_full_redraw():
    surface = landscapes.bowl()
    runs = [
        surface.descend((2.5, 2.0), 0.1, 40),  # builds the cached background
        surface.descend((2.5, 2.0), 0.9, 40),  # same start, same loss axis: restores the cached background
        surface.descend((-1.0, 2.5), 2.5, 40),  # another start: new loss axis, new background
        surface.descend((2.5, 2.0), 0.1, 40),  # back to the first
    ]
    blit_view, full_view = DescentView(surface, 40), DescentView(surface, 40)
    full_pictures = []
    for run in runs:
        blit, full = pixels(blit_view.render(run)), pixels(full_view.render(run, full=True))
        assert blit.shape == full.shape
        assert mean_abs_diff(blit, full) < 0.1
        full_pictures.append(full)
    # the tolerance is far below the difference between two runs' pictures, so a stale path would fail
    assert mean_abs_diff(full_pictures[0], full_pictures[1]) > 0.5
    assert mean_abs_diff(full_pictures[1], full_pictures[2]) > 0.5


def test_blit_and_full_render_agree_on_the_same_view():
    surface = landscapes.rosenbrock()
    view = DescentView(surface, 30)
    for lr in (1e-3, 2e-3):
        run = surface.descend((-1.5, 2.0), lr, 30)
        blit = pixels(view.render(run))
        full = pixels(view.render(run, full=True))
        assert blit.shape == full.shape
        assert mean_abs_diff(blit, full) < 0.1


def test_frame_is_a_small_palette_png_of_the_render():
    surface = landscapes.bowl()
    view = DescentView(surface, 20)
    run = surface.descend((2.5, 2.0), 0.3, 20)
    png = view.frame(run)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P"
    assert image.size == Image.open(io.BytesIO(view.render(run))).size
    assert mean_abs_diff(pixels(png), pixels(view.render(run, full=True))) < 2.0


def test_loss_axis_spans_surface_minimum_to_starting_loss():
    surface = landscapes.bowl()
    view = DescentView(surface, 25)
    for start in [(2.5, 2.0), (0.5, -0.5), (-3.0, 3.0)]:
        run = surface.descend(start, 0.3, 25)
        view.render(run)
        low, high = view.ax_loss.get_ylim()
        # the bowl's lowest value is 0 and the first loss is |start|^2 / 2
        assert low <= 0.0 < run.losses[0] <= high
        assert high < 1.2 * run.losses[0]
        assert view.ax_loss.get_xlim() == (0.0, 25.0)


def test_eta_explorer_rejects_infinite_steps_with_value_error():
    with pytest.raises(ValueError):
        eta_explorer(landscapes.bowl(), steps=math.inf)


# ---- chapter 4 and 5 additions: the 3-D view, the 1-D explorer, players over start points -------------------------


def test_surface_view_blit_matches_full_redraw():
    # In 3-D the full redraw depth-sorts the path against the surface while the blit draws it on top,
    # so they differ a little where the surface hides the path; far less than two runs differ.
    surface = landscapes.bowl(1.0, 4.0)
    view = DescentView(surface, 20, kind="surface")
    runs = [surface.descend((2.5, 2.0), 0.1, 20), surface.descend((-2.5, 1.0), 0.45, 20)]
    fulls = []
    for run in runs:
        blit = pixels(view.render(run))
        full = pixels(view.render(run, full=True))
        assert mean_abs_diff(blit, full) < 0.5
        fulls.append(full)
    assert mean_abs_diff(*fulls) > 5.0


def test_descent_view_rejects_an_unknown_kind():
    with pytest.raises(ValueError):
        DescentView(landscapes.bowl(), 10, kind="sideways")


def test_live_view_toggle_switches_between_contour_and_surface():
    ex = eta_explorer(landscapes.bowl(), etas=ETAS, start=(2.5, 2.0), steps=STEPS, views=("contour", "surface"))
    live = ex.live()
    contour = live.picture.value
    live.view_choice.value = "surface"
    assert live.view.kind == "surface"
    assert mean_abs_diff(pixels(contour), pixels(live.picture.value)) > 1.0
    live.view_choice.value = "contour"
    assert live.view.kind == "contour"
    assert live.picture.value == contour


def test_curve_explorer_player_and_live_slider():
    from nnmath.explorer import CurveExplorer, curve_explorer

    curve = landscapes.parabola(2.0)
    ex = curve_explorer(curve, etas=(0.2, 0.9, 1.1), start=2.5, steps=10, notes=("a", "b", "c"))
    assert isinstance(ex, CurveExplorer)
    page = ex.static_html()
    assert len(re.findall(r"<img ", page)) == 3
    assert "η = 1.1（c）" in page
    assert describe(curve.descend(2.5, 1.1, 10)) in page  # the alt text: 1.1 > 2/a = 1 diverges
    assert "发散" in describe(curve.descend(2.5, 1.1, 10))
    live = ex.live()
    assert live.start2 is None
    before = live.picture.value
    live.eta.value = 1.1
    assert mean_abs_diff(pixels(before), pixels(live.picture.value)) > 0.1
    assert "CurveExplorer" in repr(ex)


def test_curve_view_draws_one_tangent_per_iterate_with_the_derivative_as_slope():
    from nnmath.explorer import CurveView

    curve = landscapes.parabola(2.0)
    view = CurveView(curve, 10, tangents=4)
    run = curve.descend(2.5, 0.3, 10)
    view.render(run)
    segments = view.tangent_lines.get_segments()
    assert len(segments) == 4
    for w, seg in zip(run.points[:4], segments, strict=True):
        (x0, y0), (x1, y1) = seg
        assert (y1 - y0) / (x1 - x0) == pytest.approx(2.0 * w)  # L'(w) = a w
        assert (x0 + x1) / 2 == pytest.approx(w)


def test_grid_player_has_one_slider_one_readout_and_a_frame_per_start_and_eta():
    starts = [(1.5, 1.5), (-1.5, 0.5), (0.3, -1.8)]
    ex = eta_explorer(landscapes.multi_minima(), etas=(0.02, 0.1), start=starts[0], steps=10, starts=starts)
    page = ex.static_html()
    assert page.count('type="range"') == 1
    assert page.count("<output>") == 1
    assert page.count('type="radio"') == 3
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 6
    assert len([img for img in images if " hidden" not in img]) == 1
    for p in starts:
        assert f"从 ({p[0]:g}, {p[1]:g}) 出发" in page
    assert "http" not in page


@pytest.mark.parametrize(
    "kwargs",
    [{"views": ()}, {"views": ("contour", "contour")}, {"views": ("map",)}, {"starts": []}, {"starts": [(1.0,)]}],
)
def test_eta_explorer_rejects_bad_views_and_starts(kwargs):
    with pytest.raises(ValueError):
        eta_explorer(landscapes.bowl(), **kwargs)


def test_notes_must_match_etas():
    with pytest.raises(ValueError):
        eta_explorer(landscapes.bowl(), etas=(0.1, 0.2), notes=("only one",))


def test_still_png_is_the_frame_the_player_shows_first(explorer):
    from nnmath.explorer import TwoFaced, html_grid_player

    # The PDF prints the bundle's image/png: the picture a reader of the HTML sees before touching the slider.
    bundle = explorer._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == explorer.frames()[explorer.initial].png

    class Fixed(TwoFaced):
        def __init__(self, player: str) -> None:
            self.player = player

        def static_html(self) -> str:
            return self.player

    frames = [Frame(bytes([k]) * 4, f"η = {k}", f"run {k}, hidden behind the slider") for k in range(3)]
    assert Fixed(html_player(frames, "η", initial=2)).still_png() == frames[2].png
    rows = [frames, frames[::-1]]
    assert Fixed(html_grid_player(rows, "η", "start", ["a", "b"], initial=(1, 0))).still_png() == frames[2].png
    with pytest.raises(ValueError, match="player"):
        Fixed("<div><img src='x.png'></div>").still_png()
    with pytest.raises(ValueError, match="player"):
        Fixed('<img src="data:image/png;base64,AAAA" hidden>').still_png()


def test_figure_text_typesets_powers_of_ten_the_cjk_font_lacks() -> None:
    from nnmath.plotting import figure_text, new_figure
    from nnmath.writeout import number

    text = figure_text(f"L = {number(4.9e-11, 2)}，{number(1.5e15, 2)}")
    assert text == "L = 4.9 × $10^{-11}$，1.5 × $10^{15}$"
    fig = new_figure(3, 1)
    fig.text(0.1, 0.5, text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a UserWarning
        fig.canvas.draw()


def test_describe_shows_a_loss_at_rounding_level_as_zero() -> None:
    from nnmath.explorer import describe
    from nnmath.landscapes import bowl
    from nnmath.writeout import ROUNDING_ZERO

    run = bowl().descend([1.0, 1.0], 0.5, 200)
    assert run.losses[-1] <= 1e-9 * run.losses[0]  # the run reached the bottom up to rounding
    assert ROUNDING_ZERO in describe(run)
