"""The printable edition: ``bash scripts/build-pdf.sh`` typesets the whole book as one Chinese PDF.

The build (a few minutes: every notebook is executed, then XeLaTeX runs) happens
once per test session. ``NNMATH_PDF_OUTPUT=DIR`` builds under ``DIR/_build``
instead of the repository's ``_build``. Page count and size are reported with
``pytest -rA`` (and as properties in a JUnit report).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = Path(os.environ.get("NNMATH_PDF_OUTPUT", ROOT)) / "_build" / "latex"
PDF = OUTPUT / "nnmath-book.pdf"

#: Pages the PDF leaves to the website (see ``pdf_leave_out`` in _ext/pdf_edition.py).
LEFT_OUT = {"book/api"}

#: A chapter's own number in its title, which the PDF prints as LaTeX's chapter number.
NUMBER = re.compile(r"^(第\s*\d+\s*章|附录\s*[A-Z])\s*")


@dataclass(frozen=True)
class Built:
    log: str
    text: str
    fonts: str
    info: str


def squeeze(text: str) -> str:
    """Text without white space: pdftotext breaks lines and spaces CJK unpredictably."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def built() -> Built:
    run = subprocess.run(
        ["bash", "scripts/build-pdf.sh"], cwd=ROOT, capture_output=True, text=True, timeout=3600, check=False
    )
    assert run.returncode == 0, f"build-pdf.sh failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    assert PDF.is_file()

    def tool(*args: str) -> str:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    return Built(
        log=(OUTPUT / "nnmath-book.log").read_text(encoding="utf-8", errors="replace"),
        text=tool("pdftotext", "-enc", "UTF-8", str(PDF), "-"),
        fonts=tool("pdffonts", str(PDF)),
        info=tool("pdfinfo", str(PDF)),
    )


def book_pages() -> list[str]:
    """Every page of _toc.yml in order (root first), as paths relative to the repository."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


def first_heading(page: str) -> str:
    """The ``# `` title of a page (Markdown file or notebook)."""
    path = ROOT / f"{page}.ipynb"
    if path.exists():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = (ROOT / f"{page}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    assert match, f"{page} has no '# ' title"
    return match[1].strip()


def test_builds_without_latex_errors(built: Built):
    errors = [line for line in built.log.splitlines() if line.startswith("!") or "LaTeX Error" in line]
    assert not errors, errors[:5]
    # A glyph that no font of the PDF has prints as nothing: every character must have one.
    missing = sorted(set(re.findall(r"Missing character: There is no (\S+)", built.log)))
    assert not missing, f"characters without a glyph: {missing}"
    assert "undefined references" not in built.log


def test_every_font_is_embedded(built: Built):
    rows = built.fonts.splitlines()[2:]
    assert rows, built.fonts
    # Columns: name, type (may contain spaces), encoding, emb, sub, uni, object ID.
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, not_embedded
    assert any("Fandol" in row for row in rows), "no Chinese font in the PDF"


def test_every_chapter_title_is_printed(built: Built):
    text = squeeze(built.text)
    pages = [p for p in book_pages() if p not in LEFT_OUT]
    assert len(pages) >= 10
    for page in pages:
        title = first_heading(page)
        number = NUMBER.match(title)
        name = re.sub(r"[`*$]", "", title[number.end() :] if number else title)
        assert squeeze(name) in text, f"{page}: title {name!r} not in the PDF"
        if number:
            assert squeeze(number[1]) in text, f"{page}: {number[1]!r} not in the PDF"


@pytest.mark.parametrize("term", ["梯度下降", "学习率", "反向传播", "鞍点", "参考文献"])
def test_key_terms_are_in_the_text(built: Built, term: str):
    assert term in squeeze(built.text)


@pytest.mark.parametrize(
    "raw",
    [
        "IPython.core.display",  # an output with only text/html
        "Explorer(",  # an explorer's text/plain repr: its still picture is missing
        "<Figure size",  # a figure printed as text
        "\\frac",
        "\\begin{",
        "$$",
        "{eval-rst}",
        "{cite}",
    ],
)
def test_no_raw_markup_or_placeholder_is_printed(built: Built, raw: str):
    assert raw not in built.text


def test_every_explorer_prints_a_captioned_still(built: Built):
    """Each explorer the build ran (an output with a live widget) prints its still and the live version's address."""
    explorers = 0
    executed = OUTPUT.parent / "jupyter_execute"
    for page in book_pages():
        path = executed / f"{page}.ipynb"
        if page in LEFT_OUT or not path.exists():
            continue
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                explorers += "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    assert explorers >= 10
    text = squeeze(built.text)
    assert text.count("交互图的一幅静态画面") == explorers
    assert text.count("在网页版中可以拖动滑块、移动起点") == explorers


def test_page_count_and_size(built: Built, record_property):
    pages = int(re.search(r"^Pages:\s+(\d+)", built.info, flags=re.MULTILINE)[1])
    size = PDF.stat().st_size
    paper = re.search(r"^Page size:\s+(.+)$", built.info, flags=re.MULTILINE)[1]
    record_property("pdf_pages", pages)
    record_property("pdf_bytes", size)
    print(f"PDF: {PDF} — {pages} pages, {size / 1e6:.1f} MB, {paper}")
    assert "A4" in paper
    assert pages >= 100
    assert size < 50e6


def load_extension():
    """_ext/pdf_edition.py as a module (Sphinx loads it from _ext)."""
    import sys

    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import pdf_edition
    finally:
        sys.path.remove(str(ROOT / "_ext"))
    return pdf_edition


def test_still_caption_describes_what_the_still_shows():
    from nnmath import landscapes
    from nnmath.views import eta_explorer

    explorer = eta_explorer(landscapes.bowl(1.0, 4.0), etas=(0.1, 0.3), start=(2.0, 1.5), steps=20)
    describe = load_extension()._still_description
    assert describe(explorer.static_html()) == explorer.alt_text()
    assert "η = 0.3" in explorer.alt_text()  # the last η offered is shown first
    assert describe("<div>no explorer</div>") == ""


def test_download_menu_offers_the_pdf_only_once_built(tmp_path: Path):
    """The HTML book's download menu gets a "全书 PDF" entry when build-pdf.sh has made the PDF."""
    from types import SimpleNamespace

    pdf_edition = load_extension()
    html_dir = tmp_path / "_build" / "html"
    html_dir.mkdir(parents=True)
    app = SimpleNamespace(outdir=str(html_dir), srcdir=str(tmp_path / "src"), builder=SimpleNamespace(format="html"))

    def menu() -> list[dict]:
        group = {"label": "download-buttons", "buttons": [{"label": "download-source-button"}]}
        context = {"header_buttons": [group], "pathto": lambda name, resource: f"../{name}"}
        pdf_edition.add_pdf_download(app, "notebooks/04_gradient_descent", "page.html", context, None)
        return [b["label"] for b in group["buttons"]]

    assert menu() == ["download-source-button"]
    (tmp_path / "_build" / "latex").mkdir()
    (tmp_path / "_build" / "latex" / pdf_edition.PDF_NAME).write_bytes(b"%PDF-1.5")
    assert menu() == ["download-source-button", "download-book-pdf-button"]
    pdf_edition.copy_pdf(app, None)
    assert (html_dir / pdf_edition.PDF_NAME).read_bytes() == b"%PDF-1.5"
