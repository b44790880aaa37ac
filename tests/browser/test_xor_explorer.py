"""The XOR training explorer v2 in Chromium: its forward pass is MLP.forward's, and its static page works.

- Parity: for random inputs and every network kind (tanh, sigmoid, ReLU; 1, 2 and 4 hidden units) at
  random stored snapshots, the module's ``forward`` gives :meth:`MLP.forward`'s outputs to 1e-9
  relative; its unit lines are :func:`nnmath.views.xor.unit_line`'s; the picture of p sampled by
  blocks has the bands and boundary side of p evaluated at every pixel.
- The static page: the readout is word for word :meth:`XorExplorer.readout`; scrubbing the epochs and
  changing η repaint the canvases; play runs to the end; no console error, nothing from another host.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from bookpages import PHONE, open_page, serve

from nnmath.views import xor_explorer
from nnmath.views._frontend import esm_source
from nnmath.views.xor import unit_line

RTOL = 1e-9


@pytest.fixture(scope="module")
def front_end(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>parity</title>")
    page.evaluate(
        """async (source) => {
            const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
            window.xor = (await import(url)).default;
        }""",
        esm_source("xor_explorer.js"),
    )
    yield page
    page.close()


@pytest.mark.parametrize(("hidden", "activation"), [(2, "tanh"), (2, "sigmoid"), (2, "relu"), (1, "tanh"), (4, "relu")])
def test_forward_pass_is_mlp_forward(front_end, hidden: int, activation: str) -> None:
    explorer = xor_explorer(sizes=(2, hidden, 1), activation=activation, etas=(0.3, 3.0), lr=3.0, epochs=300)
    rng = np.random.default_rng(hidden * 7 + len(activation))
    X = rng.uniform(-3, 3, size=(64, 2))
    for stored in explorer.data["runs"]:
        net = explorer.runs[stored["eta"]][0]
        for k in rng.choice(len(stored["params"]), size=6, replace=False):
            theta = stored["params"][k]
            ours = np.array(
                front_end.evaluate(
                    "([sizes, act, theta, X]) => window.xor.forward(sizes, act, theta, X)",
                    [explorer.data["sizes"], activation, theta, X.tolist()],
                )
            )
            want = net.with_params(np.array(theta)).forward(X)
            assert ours.shape == want.shape
            np.testing.assert_allclose(ours, want, rtol=RTOL, atol=0)


def test_unit_lines_are_nnmath_s(front_end) -> None:
    rng = np.random.default_rng(5)
    for _ in range(40):
        w1, w2, b = rng.normal(size=3) * rng.choice([0.0, 1.0], size=3, p=[0.1, 0.9])
        ours = front_end.evaluate("(a) => window.xor.unitLine(...a, [-0.5, 1.5])", [w1, w2, b])
        want = unit_line(w1, w2, b, (-0.5, 1.5))
        if want is None:
            assert ours is None
        else:
            assert ours is not None
            np.testing.assert_allclose(sorted(map(tuple, ours)), sorted(map(tuple, want)), rtol=1e-12, atol=1e-12)


BANDS = """([sizes, act, theta, w, block]) => {
    const p = window.xor.evaluator(window.xor.unflatten(sizes, theta), act);
    const band = new Uint8Array(w * w), above = new Uint8Array(w * w);
    if (block) window.xor.sampleBands(w, w, -0.5, 1.5, p, band, above, new Uint8Array(w * w));
    else for (let j = 0; j < w; j++) for (let i = 0; i < w; i++) {
        const v = p(-0.5 + ((i + 0.5) / w) * 2, 1.5 - ((j + 0.5) / w) * 2);
        band[j * w + i] = Math.min(9, Math.max(0, Math.floor(v * 10)));
        above[j * w + i] = v > 0.5 ? 1 : 0;
    }
    return [Array.from(band), Array.from(above)];
}"""


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_block_sampling_paints_what_every_pixel_would(front_end, activation: str) -> None:
    """The painted bands and boundary side, sampled by blocks, are those of p evaluated at every pixel."""
    explorer = xor_explorer(activation=activation, etas=(0.3, 3.0), lr=3.0, epochs=300)
    for stored in explorer.data["runs"]:
        for theta in stored["params"][:: max(1, len(stored["params"]) // 8)]:
            args = [explorer.data["sizes"], activation, theta, 157]
            assert front_end.evaluate(BANDS, [*args, True]) == front_end.evaluate(BANDS, [*args, False])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    folder: Path = tmp_path_factory.mktemp("xor")
    explorer = xor_explorer(etas=(0.1, 1.0, 10.0), epochs=400, snapshots=(0, 100, 400))
    page = (
        f'<!doctype html><html lang="zh"><meta charset="utf-8"><title>异或</title><body>{explorer.static_html()}</body>'
    )
    (folder / "index.html").write_text(page, encoding="utf-8")
    with serve(folder) as url:
        yield url, explorer


def canvases(root) -> str:
    return root.evaluate("r => [...r.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')")


def test_static_page_scrubs_plays_and_tells_the_truth(browser, site) -> None:
    url, explorer = site
    for viewport in (None, PHONE):
        opened = open_page(browser, url, "index.html", viewport)
        page = opened.page
        root = page.locator("div.nnmath-explorer[data-kind='xor']")
        page.wait_for_function("r => Number(r.querySelector('.nnx').dataset.frame) >= 1", arg=root.element_handle())
        readout = root.locator(".nnx-readout[aria-live='polite']")
        assert readout.text_content() == explorer.readout()
        # every input is labelled
        for handle in root.locator("input").element_handles():
            assert handle.get_attribute("aria-label") or handle.get_attribute("id")
        before = canvases(root)
        epoch = root.locator("input[type=range]").nth(1)
        epoch.focus()
        for _ in range(40):
            page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(100)
        shown = int(readout.text_content().split("第 ")[1].split(" 轮")[0])
        assert readout.text_content() == explorer.readout(epoch=shown)
        assert canvases(root) != before
        # η = 10: the verdict of the run, in red
        eta = root.locator("input[type=range]").first
        eta.fill("2")
        page.wait_for_timeout(100)
        assert "发散" in readout.text_content() and "nnx-bad" in readout.get_attribute("class")
        assert readout.text_content() == explorer.readout(eta=10.0, epoch=shown)
        # play runs to the last epoch
        root.locator("button.nnx-play").click()
        page.wait_for_function(
            "r => r.querySelector('.nnx-play').getAttribute('aria-pressed') === 'false'",
            arg=root.element_handle(),
            timeout=15000,
        )
        assert readout.text_content() == explorer.readout(eta=10.0, epoch=explorer.runs[10.0][1].steps)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= (viewport or {"width": 1366})["width"], "nothing wider than the screen"
        assert opened.errors == [] and opened.blocked == []
        page.context.close()
