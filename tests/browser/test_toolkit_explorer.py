"""The matrix explorer of 附录 A in Chromium: its inline script draws A's unit square and follows the controls."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nnmath.algebra import matmul
from nnmath.toolkit_views import plane_html


def test_static_explorer_draws_the_matrix_in_a_browser(browser, tmp_path: Path) -> None:
    """The parallelogram is A's unit square, and it follows sliders and presets."""
    page_file = tmp_path / "plane.html"
    html = plane_html([[1.0, 0.5], [0.0, 1.0]])
    page_file.write_text(f"<!DOCTYPE html><html><body>{html}</body></html>", encoding="utf-8")

    def corners(page) -> np.ndarray:
        points = page.locator("svg polygon.sq").get_attribute("points")
        xy = np.array([[float(v) for v in p.split(",")] for p in points.split()])
        return xy * [1, -1]  # SVG's y axis points down

    def expected(A) -> np.ndarray:
        A = np.asarray(A, dtype=float)
        return np.array([[0, 0], matmul(A, [1, 0]), matmul(A, [1, 1]), matmul(A, [0, 1])])

    page = browser.new_page()
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        np.testing.assert_allclose(corners(page), expected([[1.0, 0.5], [0.0, 1.0]]), atol=0.006)
        assert page.locator("svg line.g").count() > 10
        slider = page.locator("input[type=range]").nth(2)  # A10
        slider.focus()
        page.keyboard.press("ArrowRight")  # one step of 0.05
        np.testing.assert_allclose(corners(page), expected([[1.0, 0.5], [0.05, 1.0]]), atol=0.006)
        assert page.locator("output").nth(2).inner_text() == "0.05"
        page.get_by_role("button", name="对称").click()
        np.testing.assert_allclose(corners(page), expected([[2.0, 1.0], [1.0, 2.0]]), atol=0.006)
        readout = page.locator("p").inner_text()
        assert "Ae₀ = (2.00, 1.00)" in readout and "面积为 3.00" in readout  # det [[2, 1], [1, 2]] = 3
        page.get_by_role("button", name="压成一条线").click()
        assert "面积为 0.00" in page.locator("p").inner_text()
        assert errors == []
    finally:
        page.close()
