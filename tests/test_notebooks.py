"""The chapters as files: each is listed in the book, shaped like a chapter, and saved clean.

nbval re-executes every notebook against its stored outputs; these checks
cover what it does not: the table of contents, the chapter's shape (goals,
summary, exercises with hidden answers), the hidden set-up cell that makes a
chapter work alone on Colab, and a clean save (run top to bottom, no errors,
nothing on stderr).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def test_every_chapter_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert NOTEBOOKS
    for path in NOTEBOOKS:
        assert f"notebooks/{path.stem}" in toc, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_starts_with_the_hidden_set_up_cell(path):
    first = cells(path)[0]
    assert first["cell_type"] == "code"
    assert "remove-cell" in first["metadata"].get("tags", [])
    text = source(first)
    assert f'REPOSITORY = "{CONFIG["repository"]["url"]}"' in text, "run scripts/set_repository.py"
    assert "ensure_cjk_font()" in text
    assert first["outputs"] == [], "the set-up cell prints nothing where everything is installed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_has_goals_summary_and_exercises_with_hidden_answers(path):
    markdown = "\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")
    assert markdown.lstrip().startswith("(ch-"), "a chapter opens with its label"
    assert ("# 第" in markdown or "# 附录" in markdown) and "本章目标" in markdown  # a chapter or an appendix
    assert "## 小结" in markdown and "## 练习" in markdown
    assert "{dropdown} 答案" in markdown
    assert "{glue:" in markdown, "numbers in the prose come from code (glue)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_is_saved_from_a_clean_run(path):
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    for cell in code:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", source(cell)[:80]
            assert output.get("name") != "stderr", source(cell)[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_has_a_kernel_free_player(path):
    html = [
        "".join(o["data"]["text/html"])
        for c in cells(path)
        if c["cell_type"] == "code"
        for o in c["outputs"]
        if "text/html" in o.get("data", {})
    ]
    # an old PNG-frame player or a descent explorer (v2) drawn in the browser
    assert any('class="nnmath-player"' in h or 'class="nnmath-explorer"' in h for h in html)
    assert not any("https://" in h or "http://" in h for h in html), "outputs must not load from other hosts"


GLUE_REFERENCE = re.compile(r"\{glue(?::\w+)?\}`(\w+)`|```\{glue(?::\w+)?\} (\w+)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_glued_name_in_the_prose_is_published_by_the_code(path):
    markdown = "\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")
    referenced = {a or b for a, b in GLUE_REFERENCE.findall(markdown)}
    glued = {
        output["metadata"]["scrapbook"]["name"]
        for cell in cells(path)
        if cell["cell_type"] == "code"
        for output in cell["outputs"]
        if "scrapbook" in output.get("metadata", {})
    }
    assert referenced, "the prose shows computed numbers"
    assert referenced <= glued, f"not published: {sorted(referenced - glued)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_imports_beyond_a_short_line_are_behind_a_toggle(path):
    for cell in cells(path)[1:]:
        if cell["cell_type"] != "code" or set(cell["metadata"].get("tags", [])) & {"hide-input", "remove-cell"}:
            continue
        imports = [line for line in source(cell).splitlines() if line.startswith(("import ", "from "))]
        assert len(imports) <= 4, f"a visible cell imports {len(imports)} names: hide the plumbing ({imports})"
