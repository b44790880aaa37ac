"""What the chapters store and show carries no rounding noise, no raw repr and no visible plumbing.

The last bits of a floating-point result change from one CPU to another, so a
stored output with 17 digits (or ``1.9e-30`` for a quantity that is zero)
fails nbval elsewhere and tells a reader nothing. Every reader-facing number
goes through :mod:`nnmath.writeout`; this test scans every chapter's stored
outputs and glue records for what slips through, fails on a glued value that
was not formatted to a string first, and on a visible code cell that glues.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HIDDEN = {"remove-input", "remove-cell", "hide-input", "remove_input", "remove_cell", "hide_input"}
SCANNED = ("text/plain", "text/html", "text/markdown", "text/latex")

_SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
PATTERNS = {
    "a raw numpy scalar": re.compile(r"np\.(?:float|int)\d*\("),
    "a raw numpy array": re.compile(r"\barray\("),
    "a memory address": re.compile(r"\b0x[0-9a-fA-F]{6,}"),
}
SCIENTIFIC = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:e([-+]?\d+)| ?[×x] ?10\^?\{?([⁻⁰¹²³⁴⁵⁶⁷⁸⁹-]+|-?\d+)\}?)", re.I)
#: A script element: code, or data an explorer draws from (figures, not text the reader reads).
SCRIPT = re.compile(r"<script\b[^>]*>[\s\S]*?</script>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


DECIMAL = re.compile(r"(?<![\w.])-?(\d+)\.(\d+)(?:e[-+]?\d+)?(?![\w.])", re.I)
MAX_DIGITS = 10


def noise_in(text: str) -> list[str]:
    """Everything in ``text`` that is rounding noise or a raw repr, each as 'what: excerpt'."""
    found = [f"{what}: {m.group(0)}" for what, pattern in PATTERNS.items() for m in pattern.finditer(text)]
    for m in DECIMAL.finditer(text):
        if len((m.group(1) + m.group(2)).lstrip("0")) > MAX_DIGITS:
            found.append(f"a float with more than {MAX_DIGITS} significant digits: {m.group(0)}")
    for m in SCIENTIFIC.finditer(text):
        exponent = m.group(2) or m.group(3).translate(_SUPERSCRIPT_DIGITS)
        mantissa = float(m.group(1))
        if mantissa != 0 and math.log10(mantissa) + int(exponent) < -12:
            found.append(f"a number below 1e-12 in scientific notation (rounding noise?): {m.group(0)}")
    return found


def shown_texts(cell: dict) -> list[tuple[str, str]]:
    """(where, text) for every text a code cell's outputs store, glue records included."""
    texts = []
    for k, output in enumerate(cell.get("outputs", [])):
        if output["output_type"] == "stream":
            texts.append((f"output {k} ({output['name']})", "".join(output["text"])))
        for mime, value in output.get("data", {}).items():
            kind = mime.removeprefix("application/papermill.record/")
            if kind in SCANNED:
                text = value if isinstance(value, str) else "".join(value)
                if kind == "text/html":  # the page's text, not its markup, scripts or embedded data
                    text = TAG.sub(" ", SCRIPT.sub(" ", text))
                texts.append((f"output {k} {mime}", text))
    return texts


def raw_glue(cell: dict) -> list[str]:
    """Glue records of a value that was not formatted first (a bare number, an array, a tuple)."""
    found = []
    for output in cell.get("outputs", []):
        value = output.get("data", {}).get("application/papermill.record/text/plain")
        if value is None:
            continue
        text = value if isinstance(value, str) else "".join(value)
        if not (text[:1] in "'\"" or text.startswith("<IPython.core.display.")):
            found.append(text[:40])
    return found


def problems(notebook: dict) -> list[str]:
    """Every problem of one notebook, each naming its cell."""
    found = []
    for i, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        found.extend(f"cell {i}: a glued value is not a formatted string: {v}" for v in raw_glue(cell))
        source = "".join(cell["source"])
        tags = set(cell.get("metadata", {}).get("tags", []))
        if re.search(r"\bglue\(", source) and not tags & HIDDEN:
            found.append(f"cell {i}: a visible code cell glues (tag it remove-cell or use writeout.publish)")
        for where, text in shown_texts(cell):
            found.extend(f"cell {i} {where}: {p}" for p in noise_in(text))
    return found


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_chapters_to_scan():
    assert len(NOTEBOOKS) >= 7


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_carry_no_rounding_noise_and_no_plumbing(path):
    assert problems(load(path)) == []


def _fake(source: str, outputs: list[dict], tags: tuple[str, ...] = ()) -> dict:
    cell = {"cell_type": "code", "source": source, "metadata": {"tags": list(tags)}, "outputs": outputs}
    return {"cells": [{"cell_type": "markdown", "source": "# x", "metadata": {}}, cell]}


def _record(text: str) -> dict:
    return {"output_type": "display_data", "data": {"application/papermill.record/text/plain": text}, "metadata": {}}


def _result(text: str) -> dict:
    return {"output_type": "execute_result", "data": {"text/plain": text}, "metadata": {}, "execution_count": 1}


@pytest.mark.parametrize(
    ("notebook", "expected"),
    [
        (_fake("publish(x=x)", [_record("0.4999999999999998")], ("remove-cell",)), "more than 10 significant"),
        (_fake("publish(x=x)", [_record("'1.9e-30'")], ("remove-cell",)), "below 1e-12"),
        (_fake("x", [_result("1.6048389040589958e-30")]), "more than 10 significant"),
        (_fake("x", [_result("12345.678901234")]), "more than 10 significant"),
        (_fake("publish(x=x)", [_record("0.25")], ("remove-cell",)), "not a formatted string"),
        (_fake("publish(x=x)", [_record("9")], ("remove-cell",)), "not a formatted string"),
        (_fake("x", [_result("(1e-400, 2.5e+400)")]), "below 1e-12"),
        (_fake("x", [_result("[0.30000000000000004, 1.0]")]), "more than 10 significant"),
        (_fake("x", [_result("'8.1 × 10⁻¹³'")]), "below 1e-12"),
        (_fake("x, y", [_result("(np.float64(0.5), 1.0)")]), "numpy scalar"),
        (_fake("x", [_result("array([0.99862612, 0.0991302 ])")]), "numpy array"),
        (_fake("f", [_result("<function f at 0x7f3a2b1c4d50>")]), "memory address"),
        (_fake("print(x)", [{"output_type": "stream", "name": "stdout", "text": "3.141592653589793\n"}]), "10 signif"),
        (_fake('glue("x", "1", display=False)', []), "visible code cell glues"),
        (
            _fake("p", [{"output_type": "display_data", "metadata": {}, "data": {"text/html": "<b>L = 1.9e-30</b>"}}]),
            "1e-12",
        ),
    ],
)
def test_the_scan_catches_a_bad_notebook(notebook, expected):
    found = problems(notebook)
    assert any(expected in p for p in found), found


def test_the_scan_passes_what_the_book_prints():
    good = _fake(
        "publish(...)",
        [
            _record("'0.5'"),
            _record("'≈ 0（舍入误差）'"),
            _record("'< 10⁻¹⁰'"),
            _record("'4.9 × 10⁻¹¹'"),
            _record("'101770'"),
            _record("<IPython.core.display.Math object>"),
            _record("'1234567.891'"),
            _record("'jupyter-book 1.0.4.post1, 2026-11-29'"),
        ],
        ("remove-cell",),
    )
    html = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/html": '<img src="data:image/png;base64,AAA0x7f12345678e-30"/>'},
    }
    good["cells"][1]["outputs"].append(html)
    assert problems(good) == []
