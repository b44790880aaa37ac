"""The HTML book reads the same on another machine: built under another numeric configuration.

The book is built a second time with OpenBLAS's generic kernel and numpy held
to its baseline SIMD level (see ``tests/test_portability.py``), and the visible
text of every page is compared with the default build: every number the
reader sees must be the same. Figures may differ by a few pixels; text may not.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bookpages import ROOT, toc_pages
from bs4 import BeautifulSoup
from test_portability import other_machine_env

PAGES = [p for p in toc_pages() if p not in ("search.html", "genindex.html")]


def visible_text(html: str) -> str:
    """The text a reader sees in a page's article (scripts, styles and embedded data left out)."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup.body
    assert article is not None
    for hidden in article.find_all(["script", "style", "template"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", article.get_text(" ")).strip()


@pytest.fixture(scope="module")
def other_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book built with warnings as errors under the other machine's numeric configuration."""
    out = tmp_path_factory.mktemp("other-machine")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "--path-output", str(out), "-W"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=other_machine_env(),
        timeout=1800,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return out / "_build" / "html"


@pytest.mark.parametrize("page_path", PAGES)
def test_page_text_is_the_same_on_another_machine(built_book: Path, other_build: Path, page_path: str) -> None:
    here = visible_text((built_book / page_path).read_text(encoding="utf-8"))
    there = visible_text((other_build / page_path).read_text(encoding="utf-8"))
    assert here, page_path
    if here != there:
        a, b = here.split(" "), there.split(" ")
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        context = slice(max(0, first - 8), first + 8)
        pytest.fail(
            f"{page_path} reads differently on another machine near word {first}:\n"
            f"  here:  {' '.join(a[context])}\n  there: {' '.join(b[context])}"
        )
