"""附录 A's explorers in Chromium: the matrix explorer and the eigen-direction explorer (nnmath.views).

Parity: the front ends' formulas (A x, det A, what A does in words, the
symmetric 2×2 eigen-decomposition and back, vᵀHv, the level curves) agree
with nnmath.algebra to 1e-12 relative over many random matrices, and the
readout's words are the same. Behaviour: a page made of the two static faces
(no kernel, no book build), on a phone (390 px) and a laptop (1366 px): moving
a slider, typing a value, a preset, dragging on the picture and the arrow keys
change the picture and the readout; nothing is fetched from another host; no
console errors; nothing wider than the screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from bookpages import DESKTOP, PHONE, open_page, serve

from nnmath import algebra
from nnmath.views import _frontend
from nnmath.views.eigen_explorer import eigen_explorer
from nnmath.views.matrix_explorer import MATRIX_PRESETS, matrix_explorer, matrix_words
from nnmath.writeout import fixed

RTOL = 1e-12


def load(page, module: str, name: str) -> None:
    page.evaluate(
        """async ([source, name]) => {
            const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
            window[name] = (await import(url)).default;
        }""",
        [_frontend.esm_source(module), name],
    )


@pytest.fixture(scope="module")
def modules(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>parity</title>")
    load(page, "matrix_explorer.js", "matrix")
    load(page, "eigen_explorer.js", "eigen")
    yield page
    page.close()


def close(js, py, what) -> None:
    js, py = np.asarray(js, dtype=float), np.asarray(py, dtype=float)
    assert js.shape == py.shape, what
    scale = max(float(np.max(np.abs(py))), 1e-300)
    assert float(np.max(np.abs(js - py))) <= RTOL * scale, (what, js.tolist(), py.tolist())


def special_matrices(rng: np.random.Generator) -> list[np.ndarray]:
    """Matrices of every kind matrix_action names, at several scales."""
    out = []
    for _ in range(12):
        k = float(10 ** rng.uniform(-2, 1))
        theta = rng.uniform(-math.pi, math.pi)
        R = algebra.rotation(theta)
        F = np.array([[math.cos(2 * theta), math.sin(2 * theta)], [math.sin(2 * theta), -math.cos(2 * theta)]])
        u = rng.normal(size=2)
        out += [
            k * R,
            R,
            k * F,
            F,
            np.array([[1.0, rng.uniform(-3, 3)], [0.0, 1.0]]),
            np.array([[1.0, 0.0], [rng.uniform(-3, 3), 1.0]]),
            np.diag(rng.uniform(-3, 3, size=2)),
            algebra.symmetric_from_eigen(rng.uniform(-3, 3, size=2), theta),
            np.outer(u, rng.normal(size=2)),  # rank one: collapse
            np.eye(2) + np.outer(u, [-u[1], u[0]]),  # I + u u⊥ᵀ: a shear along u
        ]
    out += [np.zeros((2, 2)), np.eye(2), *[np.array(v, dtype=float).reshape(2, 2) for _, v in MATRIX_PRESETS]]
    return out


def test_the_matrix_front_end_computes_as_nnmath(modules) -> None:
    rng = np.random.default_rng(12)
    mats = [rng.uniform(-3, 3, size=(2, 2)) * 10 ** rng.uniform(-3, 1) for _ in range(300)]
    mats += special_matrices(rng)
    xs = rng.normal(size=(len(mats), 2)) * 5
    ours = modules.evaluate(
        """([mats, xs]) => mats.map((A, k) =>
            ({ax: matrix.apply(A, xs[k]), det: matrix.det(A), act: matrix.action(A)}))""",
        [[m.tolist() for m in mats], xs.tolist()],
    )
    kinds = set()
    for A, x, js in zip(mats, xs, ours, strict=True):
        close(js["ax"], algebra.matmul(A, x), "A x")
        close(js["det"], algebra.determinant(A), "det")
        py = algebra.matrix_action(A)
        kinds.add(py.kind)
        assert js["act"]["kind"] == py.kind, (A.tolist(), js["act"], py)
        close([js["act"]["det"], js["act"]["angle"], js["act"]["scale"]], [py.det, py.angle, py.scale], "action")
        words = matrix_words(A)
        assert js["act"]["text"] == words, (A.tolist(), js["act"]["text"], words)
    assert kinds == set(algebra.ACTION_KINDS)  # every branch was compared


def test_the_front_ends_write_numbers_as_nnmath(modules) -> None:
    values = [0.125, -0.125, 2.675, 1.005, -0.001, 0.0, -0.0, 3.0, 1e-7, 12.5, -2.5, 0.3 + 0.6, 179.95]
    for name in ("matrix", "eigen"):
        ours = modules.evaluate(f"(vs) => vs.flatMap(v => [window.{name}.fixed(v), window.{name}.fixed(v, 1)])", values)
        assert ours == [s for v in values for s in (fixed(v), fixed(v, 1))]


def test_the_eigen_front_end_computes_as_nnmath(modules) -> None:
    rng = np.random.default_rng(3)
    Hs = [algebra.symmetric_from_eigen(np.sort(rng.uniform(-5, 5, 2)), rng.uniform(-4, 4)) for _ in range(200)]
    Hs += [np.diag([2.0, 2.0]), np.diag([1.0, 3.0]), np.array([[2.0, 1.0], [1.0, 2.0]])]
    pairs = [(np.sort(rng.uniform(0.1, 5, 2)), rng.uniform(0, math.pi)) for _ in range(200)]
    phis = rng.uniform(0, 2 * math.pi, len(Hs))
    ours = modules.evaluate(
        """([Hs, pairs, phis]) => ({
            eig: Hs.map(H => eigen.symmetricEigen(H)),
            from: pairs.map(([v, a]) => eigen.symmetricFromEigen(v, a)),
            along: Hs.map((H, k) => eigen.secondDerivativeAlong(H, phis[k])),
            level: pairs.slice(0, 20).map(([v, a]) => eigen.levelCurve(eigen.symmetricFromEigen(v, a), 1.5, 40)),
            same: Hs.map(H => matrix.symmetricEigen(H)),
        })""",
        [[H.tolist() for H in Hs], [[v.tolist(), a] for v, a in pairs], phis.tolist()],
    )
    for H, js, same, phi, along in zip(Hs, ours["eig"], ours["same"], phis, ours["along"], strict=True):
        py = algebra.symmetric_eigen(H)
        for got in (js, same):
            close(got["values"], py.values, "eigenvalues")
            close(got["vectors"], py.vectors, "eigenvectors")
            close(got["angle"], py.angle, "angle")
        close(along, algebra.second_derivative_along(H, phi), "vᵀHv")
        assert py.values[0] - 1e-9 <= along <= py.values[1] + 1e-9  # between the eigenvalues
    for (v, a), js in zip(pairs, ours["from"], strict=True):
        close(js, algebra.symmetric_from_eigen(v, a), "symmetric_from_eigen")
    for (v, a), js in zip(pairs[:20], ours["level"], strict=True):
        close(js, algebra.bowl_level_curve(algebra.symmetric_from_eigen(v, a), 1.5, 40), "level curve")


# ---- the static page ----


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("toolkit")
    explorers = [matrix_explorer([[1.0, 0.5], [0.0, 1.0]]), eigen_explorer(values=(0.5, 3.0), angle=30)]
    body = "\n".join(f"<section>{e.static_html()}</section>" for e in explorers)
    page = f'<!doctype html><html lang="zh"><meta charset="utf-8"><title>附录 A</title>\n<body>{body}</body></html>'
    (folder / "index.html").write_text(page, encoding="utf-8")
    with serve(folder) as url:
        yield url


def snapshot(root) -> str:
    return root.evaluate(
        "r => [...r.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')"
        " + r.querySelector('.nnx-readout').textContent"
    )


def changes(page, root, action) -> None:
    """Run ``action`` and wait until the explorer has drawn a new, different picture."""
    before, frame = snapshot(root), root.get_attribute("data-frame")
    action()
    page.wait_for_function("([r, f]) => r.dataset.frame !== f", arg=[root.element_handle(), frame])
    assert snapshot(root) != before


def readout(root) -> str:
    return root.locator(".nnx-readout").text_content()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_the_matrix_explorer_answers_sliders_typing_presets_and_drags(browser, site: str, viewport: dict) -> None:
    opened = open_page(browser, site, "index.html", viewport)
    page = opened.page
    try:
        host = page.locator(".nnmath-explorer[data-kind='matrix']")
        root = host.locator(".nnx")
        root.scroll_into_view_if_needed()
        assert "det A = 1：剪切" in readout(root)
        # every input labelled, the picture reachable with the keyboard, nothing wider than the screen
        for name in ["A₀₀", "A₀₁", "A₁₀", "A₁₁"]:
            assert page.get_by_label(name, exact=True).count() == 1
            assert page.get_by_label(f"{name} 的数值").count() == 1
        canvas = root.locator("canvas.nnm-plane[tabindex='0'][aria-label]")
        assert canvas.count() == 1
        width = page.evaluate("() => document.documentElement.clientWidth")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        assert canvas.bounding_box()["width"] >= min(0.85 * width, 400)
        # a slider (keyboard), a typed value, a preset
        slider = page.get_by_label("A₁₀", exact=True)
        changes(page, root, lambda: (slider.focus(), page.keyboard.press("ArrowRight")))
        assert readout(root).startswith("A = [[1, 0.5], [0.01, 1]]")
        number = page.get_by_label("A₀₁ 的数值")
        changes(page, root, lambda: number.fill("-2"))
        assert "A = [[1, -2], [0.01, 1]]" in readout(root)
        changes(page, root, lambda: page.get_by_role("button", name="旋转 90°").click())
        assert readout(root) == matrix_explorer([[0.0, -1.0], [1.0, 0.0]]).describe()
        changes(page, root, lambda: page.get_by_role("button", name="压成一条线").click())
        assert "压扁" in readout(root) and "nnx-bad" in root.locator(".nnx-readout").get_attribute("class")
        changes(page, root, lambda: page.get_by_role("button", name="单位矩阵").click())
        # drag the tip of Ae₀ from (1, 0) to about (2, 1): the first column follows
        box = canvas.bounding_box()

        def to_px(x: float, y: float) -> tuple[float, float]:
            return box["x"] + 6 + (x + 3) / 6 * (box["width"] - 12), box["y"] + 6 + (3 - y) / 6 * (box["height"] - 12)

        page.mouse.move(*to_px(1, 0))
        page.mouse.down()
        page.mouse.move(*to_px(1.5, 0.5))
        changes(page, root, lambda: page.mouse.move(*to_px(2, 1)))
        page.mouse.up()
        text = readout(root)
        a00, a10 = (
            float(page.get_by_label("A₀₀ 的数值").input_value()),
            float(page.get_by_label("A₁₀ 的数值").input_value()),
        )
        assert abs(a00 - 2) <= 0.03 and abs(a10 - 1) <= 0.03, text
        assert text == matrix_explorer([[a00, 0.0], [a10, 1.0]]).describe()
        # the keyboard moves the selected tip; space selects the other one
        canvas.focus()
        changes(page, root, lambda: page.keyboard.press("ArrowUp"))
        assert abs(float(page.get_by_label("A₁₀ 的数值").input_value()) - (a10 + 0.05)) < 1e-9
        page.keyboard.press(" ")
        changes(page, root, lambda: page.keyboard.press("ArrowRight"))
        assert float(page.get_by_label("A₀₁ 的数值").input_value()) == pytest.approx(0.05)
        assert opened.blocked == [] and opened.errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_the_eigen_explorer_turns_the_probe_and_snaps_to_eigen_directions(browser, site: str, viewport: dict) -> None:
    opened = open_page(browser, site, "index.html", viewport)
    page = opened.page
    try:
        root = page.locator(".nnmath-explorer[data-kind='eigen'] .nnx")
        root.scroll_into_view_if_needed()
        explorer = eigen_explorer(values=(0.5, 3.0), angle=30)
        assert readout(root) == explorer.describe()
        width = page.evaluate("() => document.documentElement.clientWidth")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        probe = page.get_by_label("方向 φ", exact=True)
        changes(page, root, lambda: (probe.focus(), page.keyboard.press("ArrowRight")))
        assert readout(root).startswith("方向 φ = 0.1°")
        changes(page, root, lambda: page.get_by_label("方向 φ的数值（度）").fill("75"))
        assert readout(root) == eigen_explorer(values=(0.5, 3.0), angle=30, probe=75).describe()
        changes(page, root, lambda: page.get_by_role("button", name="对准 v₁（陡峭）").click())
        assert "最陡" in readout(root) and "vᵀHv = 3 = λ₁" in readout(root)
        changes(page, root, lambda: page.get_by_role("button", name="对准 v₀（平缓）").click())
        assert "最平缓" in readout(root) and "vᵀHv = 0.5 = λ₀" in readout(root)
        # drag on the map: a direction 1° from v₁ (30°) snaps onto it
        canvas = root.locator("canvas.nne-map")
        box = canvas.bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        r = box["width"] / 3
        page.mouse.move(cx + r * math.cos(math.radians(60)), cy - r * math.sin(math.radians(60)))
        page.mouse.down()
        changes(
            page,
            root,
            lambda: page.mouse.move(cx + r * math.cos(math.radians(31)), cy - r * math.sin(math.radians(31))),
        )
        page.mouse.up()
        assert readout(root).startswith("方向 φ = 30°") and "最陡" in readout(root)
        # the arrow keys on the map turn it by 1°; the bowl's eigenvalues and angle change the picture
        canvas.focus()
        changes(page, root, lambda: page.keyboard.press("ArrowLeft"))
        assert readout(root).startswith("方向 φ = 31°")
        changes(page, root, lambda: page.get_by_label("碗的朝向 θ的数值（度）").fill("100"))
        changes(page, root, lambda: page.get_by_label("特征值 λ₁的数值").fill("2"))
        assert "λ₁ = 2" in readout(root) or "= λ" in readout(root)
        assert opened.blocked == [] and opened.errors == []
    finally:
        page.context.close()
