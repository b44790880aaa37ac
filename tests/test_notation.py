"""The book's one notation (``/work/conventions.md``, stated on the 符号表 page) and its cross-links.

What is scanned: the Markdown cells of every chapter and appendix notebook and every ``book/*.md`` page,
in the order of ``_toc.yml``. Code cells, code spans, fenced code blocks, HTML comments, link targets,
label lines ``(name)=`` and MyST directive options (``:class: …``) are stripped first, so only what a
reader sees as prose or formula is checked.

Forbidden forms (each rule has a negative test below that proves it catches a bad example):

- an Arabic ordinal before 个/行/列/元素/神经元/分量/号 (「第 1 个」: say 「1 号」 or 「第二个」);
- a layer written with a single-digit subscript, ``W_1`` / ``W_{2}`` (write ``W^{(1)}``); a single-digit
  ``b_1`` counts as a layer only on a line that also has such a ``W`` (``b_0`` alone is the entry of a
  bias vector, as in chapter 1's worked example);
- 1-based pairs: ``x_2`` or ``w_2`` in a cell that has no ``x_0`` / ``w_0`` (a 2-vector is x₀, x₁);
  the erratum boxes and the errata page may quote the source's ``w_1^2 + 3w_2 + 5``;
- ``\\hat y`` (targets are ``t``, outputs ``y``);
- ``\\log`` without a base, and the word ``log`` in prose (write ``\\ln``);
- 震荡 (write 振荡);
- bare 极小值 / 极大值 (write 局部最小值 / 全局最小值 / 局部最大值); a line with 「高中」 may give the
  high-school name, and the glossary may list it as an alias term;
- 「L 层」 / 「n 层」 (the number of layers is D; L is only the loss, n an input size).

Cross-links: the nine 勘误与说明 boxes appear in reading order numbered 1..9, each with
``:class: note erratum``, ``:name: erratum-N`` and a ``{ref}`` to ``errata-N``; the errata page has
``(errata-N)=`` for N = 1..9, each section linking back to ``erratum-N``; every glossary entry links
to a chapter or appendix section.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
N_ERRATA = 9


# ---------------------------------------------------------------------------------------------------------------------
# Reading the book
# ---------------------------------------------------------------------------------------------------------------------


def toc_files() -> list[Path]:
    """The book's source files in reading order (``_toc.yml``), then any other ``book/*.md``."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [ch["file"] for part in toc["parts"] for ch in part["chapters"]]
    files = []
    for name in names:
        for suffix in (".ipynb", ".md"):
            path = ROOT / f"{name}{suffix}"
            if path.exists():
                files.append(path)
                break
    files += [p for p in sorted((ROOT / "book").glob("*.md")) if p not in files]
    return files


def markdown_cells(path: Path) -> list[tuple[int, str]]:
    """``(cell index, Markdown source)`` of a notebook's Markdown cells, or ``[(0, text)]`` for a page."""
    if path.suffix == ".md":
        return [(0, path.read_text(encoding="utf-8"))]
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        (i, "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "markdown"
    ]


FILES = toc_files()
CHAPTERS = [p for p in FILES if p.suffix == ".ipynb"]

# ---------------------------------------------------------------------------------------------------------------------
# Stripping what the reader does not see as prose
# ---------------------------------------------------------------------------------------------------------------------

FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
LABEL = re.compile(r"^\s*\([\w:-]+\)=\s*$")
CODE_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "literalinclude", "eval-rst", "raw"}
LINK_ROLES = {"ref", "numref", "doc", "term", "eq"}
SPAN = re.compile(r"(?:\{(?P<role>[\w:-]+)\})?(?P<ticks>`+)(?P<body>.+?)(?P=ticks)")


def _span(match: re.Match[str]) -> str:
    role = match.group("role")
    if role in LINK_ROLES:
        return re.sub(r"\s*<[^<>]*>\s*$", "", match.group("body"))  # the text a reader sees
    return " "


def visible_lines(text: str) -> list[tuple[int, str, bool]]:
    """The prose lines of Markdown text: ``(line number from 1, stripped line, inside an erratum box)``.

    Code fences are dropped, directive fences and options removed (a directive's title is kept),
    label lines dropped, code spans removed and role links replaced by their visible text.
    """
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    out: list[tuple[int, str, bool]] = []
    stack: list[tuple[str, int, bool]] = []  # (fence char, length, is an erratum box)
    code_fence: tuple[str, int] | None = None
    in_options = False
    for number, line in enumerate(text.split("\n"), start=1):
        m = FENCE.match(line)
        if code_fence is not None:
            if m and m["fence"][0] == code_fence[0] and len(m["fence"]) >= code_fence[1] and not m["info"].strip():
                code_fence = None
            continue
        if m:
            fence, info = m["fence"], m["info"].strip()
            if not info and stack and stack[-1][0] == fence[0] and len(fence) >= stack[-1][1]:
                stack.pop()
                in_options = False
                continue
            directive = re.match(r"\{([\w:-]+)\}\s*(.*)$", info)
            is_code = directive[1] in CODE_DIRECTIVES if directive else fence[0] != ":"
            if is_code:
                code_fence = (fence[0], len(fence))
                continue
            title = directive[2] if directive else info
            stack.append((fence[0], len(fence), "勘误与说明" in title))
            in_options = True
            line = title
        elif in_options and OPTION.match(line):
            continue
        else:
            in_options = False
        if LABEL.match(line):
            continue
        line = SPAN.sub(_span, line)
        line = re.sub(r"\]\([^)]*\)", "]", line)  # keep a link's text, drop its target
        out.append((number, line, any(box for _, _, box in stack)))
    return out


# ---------------------------------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------------------------------

ORDINAL = re.compile(r"第\s*\$?\d+\$?\s*(?:个|行|列|元素|神经元|分量|号)")
LAYER_W = re.compile(r"(?<![A-Za-z\\])W\}?_\{?\d\}?(?!\d)")
LAYER_B = re.compile(r"(?<![A-Za-z\\])b\}?_\{?\d\}?(?!\d)")
HAT_Y = re.compile(r"\\hat\s*\{?\s*[yY]")
LOG = re.compile(r"\\log(?![A-Za-z])(?!\s*_)|(?<![\\A-Za-z])log(?![A-Za-z])(?!\s*_)")
SHAKE = re.compile(r"震荡")
BARE_EXTREMUM = re.compile(r"极[小大]值")
TERM_LINE = re.compile(r"\w+")  # a glossary term (or alias) alone on its line: one word, no spaces
LAYER_COUNT = re.compile(r"(?<![A-Za-z\\])\$?\s*[Ln]\s*\$?\s*层")
ONE_BASED = {letter: re.compile(rf"(?<![A-Za-z\\]){letter}_\{{?2\}}?(?!\d)") for letter in "xw"}
ZERO_BASED = {letter: re.compile(rf"(?<![A-Za-z\\]){letter}_\{{?0\}}?(?!\d)") for letter in "xw"}


@dataclass(frozen=True)
class Offence:
    """One forbidden form found in a cell."""

    rule: str
    cell: int
    line: int
    found: str
    context: str

    def __str__(self) -> str:
        return f"cell {self.cell}, line {self.line}: {self.rule}: {self.found!r} in “{self.context}”"


def _context(line: str, start: int, end: int) -> str:
    return line[max(0, start - 25) : end + 25].strip()


def offences(text: str, cell: int = 0, *, glossary: bool = False, quotes_source: bool = False) -> list[Offence]:
    """Every forbidden form in one Markdown cell (or page).

    ``glossary``: the glossary's term lines (one word alone on a line) may name 极小值 as an alias;
    ``quotes_source``: the page may quote the source's 1-based ``w_1, w_2`` anywhere (the errata page),
    as erratum boxes may.
    """
    found: list[Offence] = []
    lines = visible_lines(text)

    def add(rule: str, number: int, line: str, match: re.Match[str]) -> None:
        found.append(Offence(rule, cell, number, match.group(0), _context(line, match.start(), match.end())))

    for number, line, _ in lines:
        for m in ORDINAL.finditer(line):
            add("Arabic ordinal (say 「k 号」 or 第一/第二)", number, line, m)
        layer_w = list(LAYER_W.finditer(line))
        for m in layer_w:
            add("layer as a subscript (write W^{(i)})", number, line, m)
        if layer_w:
            for m in LAYER_B.finditer(line):
                add("layer as a subscript (write b^{(i)})", number, line, m)
        for m in HAT_Y.finditer(line):
            add("\\hat y (targets are t, outputs y)", number, line, m)
        for m in LOG.finditer(line):
            add("log without a base (write \\ln)", number, line, m)
        for m in SHAKE.finditer(line):
            add("震荡 (write 振荡)", number, line, m)
        is_alias_term = glossary and not line.startswith((" ", "\t")) and TERM_LINE.fullmatch(line.strip())
        if "高中" not in line and not is_alias_term:
            for m in BARE_EXTREMUM.finditer(line):
                add("bare 极小值/极大值 (write 局部最小值/全局最小值/局部最大值)", number, line, m)
        for m in LAYER_COUNT.finditer(line):
            add("「L 层」/「n 层」 (the number of layers is D)", number, line, m)
    if not quotes_source:
        own = [(number, line) for number, line, in_box in lines if not in_box]
        for letter in "xw":
            if any(ZERO_BASED[letter].search(line) for _, line in own):
                continue
            for number, line in own:
                for m in ONE_BASED[letter].finditer(line):
                    rule = f"1-based index ({letter}_2 without {letter}_0: a 2-vector is {letter}_0, {letter}_1)"
                    add(rule, number, line, m)
    return found


def file_offences(path: Path) -> list[Offence]:
    """Every forbidden form in a chapter's Markdown cells or in a page."""
    rel = path.relative_to(ROOT).as_posix()
    return [
        offence
        for cell, text in markdown_cells(path)
        for offence in offences(text, cell, glossary=rel == "book/glossary.md", quotes_source=rel == "book/errata.md")
    ]


# ---------------------------------------------------------------------------------------------------------------------
# Each rule catches a bad example and lets the good forms through
# ---------------------------------------------------------------------------------------------------------------------

BAD = [
    ("第 1 个神经元", "ordinal"),
    ("W 的第 2 行", "ordinal"),
    ("第 $0$ 列", "ordinal"),
    ("第1个元素", "ordinal"),
    ("第 3 号", "ordinal"),
    ("第 2 个分量", "ordinal"),
    ("设第一层是 $W_1 x + b_1$", "layer"),
    ("$W_{2} W_{1}$", "layer"),
    ("$y = \\hat{y} - t$", "hat"),
    ("$\\hat y$", "hat"),
    ("$-\\sum_j t_j \\log p_j$", "log"),
    ("损失是 log 2 ≈ 0.69", "log"),
    ("学习率太大会震荡", "震荡"),
    ("它是一个极小值", "极"),
    ("局部极大值", "极"),
    ("如果有 $L$ 层", "层"),
    ("有 n 层的网络", "层"),
    ("两个输入 $x_1, x_2$", "1-based"),
    ("权重 $w_1$ 和 $w_2$", "1-based"),
]

GOOD = [
    "第 4 章，第 3 步，第 1 层，第 12 轮",
    "1 号神经元（第二个），W 的 1 号行",
    "第一个元素是 $x_0$，第 $i$ 行",
    "$W^{(1)}$、$b^{(1)}$、$x^{(0)}$，元素 $W_{01}$ 和 $W^{(1)}_{01}$",
    "偏置的元素 $b_0 = 0.1$，$W_{jk}$",
    "$L = -\\sum_j t_j \\ln p_j$，$\\log_2 8 = 3$",
    "学习率太大会振荡",
    "局部最小值、全局最小值、局部最大值",
    "高中课本把它叫极小值",
    "网络有 $D$ 层，第 $i$ 层",
    "向量 $x = (x_0, x_1, x_2)$",
    "代码里的 `np.log(p)` 和 `W_1`、`第 1 个`",
    "```python\nW_1 = np.log(x)  # 震荡\n```",
    "{ref}`第 4 章 <sec-log-w_1>`",
    "[链接](https://example.org/log/W_1)",
    ":::{admonition} 勘误与说明 7：原文的例子\n:class: note erratum\n\n$L = w_1^2 + 3w_2 + 5$\n:::",
]


@pytest.mark.parametrize(("text", "kind"), BAD)
def test_rule_catches_bad_example(text: str, kind: str) -> None:
    found = offences(text)
    assert found, f"no rule caught {text!r}"
    expected = {
        "ordinal": "ordinal",
        "layer": "layer",
        "hat": "hat",
        "log": "log",
        "震荡": "震荡",
        "极": "极小值",
        "层": "D)",
        "1-based": "1-based",
    }[kind]
    assert any(expected in o.rule for o in found), [str(o) for o in found]


@pytest.mark.parametrize("text", GOOD)
def test_rule_lets_good_form_through(text: str) -> None:
    assert offences(text) == [], [str(o) for o in offences(text)]


def test_glossary_may_list_the_high_school_alias() -> None:
    block = "```{glossary}\n局部最小值\n局部极小值\n极小值\n  (local minimum) 附近……\n```"
    assert offences(block, glossary=True) == []
    assert offences("```{glossary}\n局部最小值\n  它就是极小值。\n```", glossary=True) != []


def test_offence_names_cell_line_and_text() -> None:
    (offence,) = offences("一行\n第二行里有 第 1 个神经元。", cell=7)
    assert (offence.cell, offence.line, offence.found) == (7, 2, "第 1 个")
    assert "cell 7, line 2" in str(offence) and "第 1 个神经元" in str(offence)


def test_erratum_box_may_quote_the_source_but_the_cell_may_not() -> None:
    cell = ":::{admonition} 勘误与说明 7：原文\n:class: note erratum\n$w_1^2 + 3w_2$\n:::\n本书写成 $w_1$、$w_2$。"
    found = offences(cell)
    assert [(o.line, o.found) for o in found] == [(5, "w_2")]


# ---------------------------------------------------------------------------------------------------------------------
# The book follows the notation
# ---------------------------------------------------------------------------------------------------------------------


def test_the_book_is_scanned_in_reading_order() -> None:
    names = [p.relative_to(ROOT).as_posix() for p in FILES]
    assert names[0] == "book/intro.md"
    assert names.index("notebooks/00_linear_vs_nonlinear.ipynb") < names.index("notebooks/07_digits.ipynb")
    assert {"book/notation.md", "book/glossary.md", "book/errata.md", "notebooks/08_math_toolkit.ipynb"} <= set(names)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_forbidden_notation(path: Path) -> None:
    found = file_offences(path)
    assert not found, f"{path.relative_to(ROOT)}: {len(found)} forbidden forms\n" + "\n".join(map(str, found))


# ---------------------------------------------------------------------------------------------------------------------
# Errata boxes ↔ errata page, glossary → chapters
# ---------------------------------------------------------------------------------------------------------------------

BOX_OPEN = re.compile(r"^(?P<fence>:{3,}|`{3,})\{admonition\}\s*勘误与说明\s*(?P<number>\d+)?", re.M)


@dataclass(frozen=True)
class ErratumBox:
    """One 勘误与说明 box in a chapter."""

    where: str
    number: int | None
    options: tuple[str, ...]
    body: str


def erratum_boxes(cells: list[tuple[str, str]]) -> list[ErratumBox]:
    """The 勘误与说明 boxes of ``(where, Markdown)`` cells, in order."""
    boxes = []
    for where, text in cells:
        for m in BOX_OPEN.finditer(text):
            rest = text[m.end() :].split("\n")[1:]
            options, body = [], []
            closing = re.compile(rf"^{re.escape(m['fence'][0])}{{{len(m['fence'])},}}\s*$")
            for line in rest:
                if closing.match(line):
                    break
                if not body and OPTION.match(line):
                    options.append(line.strip())
                else:
                    body.append(line)
            number = int(m["number"]) if m["number"] else None
            boxes.append(ErratumBox(where, number, tuple(options), "\n".join(body)))
    return boxes


def erratum_box_problems(boxes: list[ErratumBox]) -> list[str]:
    """What is wrong with the boxes: order, numbering, class, name, link to the errata page."""
    problems = []
    numbers = [box.number for box in boxes]
    if numbers != list(range(1, N_ERRATA + 1)):
        problems.append(f"boxes in reading order are numbered {numbers}, expected 1..{N_ERRATA}")
    for box in boxes:
        n = box.number
        if ":class: note erratum" not in box.options:
            problems.append(f"{box.where}: box {n} lacks ':class: note erratum' (has {list(box.options)})")
        if f":name: erratum-{n}" not in box.options:
            problems.append(f"{box.where}: box {n} lacks ':name: erratum-{n}'")
        if not re.search(rf"\{{ref\}}`[^`]*<errata-{n}>`", box.body):
            problems.append(f"{box.where}: box {n} has no {{ref}} link to errata-{n}")
    return problems


def chapter_boxes() -> list[ErratumBox]:
    """The erratum boxes of the chapters, in reading order."""
    cells = [
        (f"{path.relative_to(ROOT).as_posix()} cell {i}", text) for path in CHAPTERS for i, text in markdown_cells(path)
    ]
    return erratum_boxes(cells)


def _box(n: int, *, cls: str = "note erratum", name: str | None = None, link: str | None = None) -> str:
    name = f"erratum-{n}" if name is None else name
    link = f"errata-{n}" if link is None else link
    return (
        f":::{{admonition}} 勘误与说明 {n}：标题\n:class: {cls}\n:name: {name}\n\n正文\n\n"
        f"{{ref}}`→ 勘误与说明表第 {n} 条 <{link}>`\n:::\n"
    )


def test_erratum_box_checks_accept_the_right_boxes() -> None:
    cells = [(f"cell {n}", _box(n)) for n in range(1, N_ERRATA + 1)]
    assert erratum_box_problems(erratum_boxes(cells)) == []


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ([_box(n) for n in (2, 1, 3, 4, 5, 6, 7, 8, 9)], "numbered [2, 1"),
        ([_box(n) for n in range(1, 9)], "expected 1..9"),
        ([_box(1, cls="note"), *(_box(n) for n in range(2, 10))], "lacks ':class: note erratum'"),
        ([_box(1, name="erratum-one"), *(_box(n) for n in range(2, 10))], "lacks ':name: erratum-1'"),
        ([_box(1, link="errata-2"), *(_box(n) for n in range(2, 10))], "no {ref} link to errata-1"),
    ],
)
def test_erratum_box_checks_catch(cells: list[str], problem: str) -> None:
    problems = erratum_box_problems(erratum_boxes([(f"cell {i}", c) for i, c in enumerate(cells)]))
    assert any(problem in p for p in problems), problems


def test_erratum_boxes_in_reading_order_and_linked() -> None:
    problems = erratum_box_problems(chapter_boxes())
    assert not problems, "\n".join(problems)


def errata_page_problems(text: str) -> list[str]:
    """What is wrong with the errata page: labels errata-1..9 in order, each section linking back."""
    labels = [int(n) for n in re.findall(r"^\(errata-(\d+)\)=\s*$", text, flags=re.M)]
    problems = []
    if labels != list(range(1, N_ERRATA + 1)):
        problems.append(f"labels errata-N in the order {labels}, expected 1..{N_ERRATA}")
    sections = re.split(r"^\(errata-\d+\)=\s*$", text, flags=re.M)[1:]
    for n, section in zip(labels, sections, strict=False):
        if not re.search(rf"\{{ref\}}`[^`]*<erratum-{n}>`", section):
            problems.append(f"section errata-{n} has no {{ref}} back to erratum-{n}")
    return problems


def _page(order: list[int], back: dict[int, int] | None = None) -> str:
    back = back or {}
    return "\n".join(f"(errata-{n})=\n## {n}\n{{ref}}`→ 回到正文 <erratum-{back.get(n, n)}>`\n" for n in order)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (_page([1, 3, 2, 4, 5, 6, 7, 8, 9]), "expected 1..9"),
        (_page(list(range(1, 9))), "expected 1..9"),
        (_page(list(range(1, 10)), {4: 5}), "errata-4 has no {ref} back to erratum-4"),
    ],
)
def test_errata_page_checks_catch(text: str, problem: str) -> None:
    assert any(problem in p for p in errata_page_problems(text)), errata_page_problems(text)


def test_errata_page_labelled_and_linked_back() -> None:
    assert errata_page_problems(_page(list(range(1, 10)))) == []
    problems = errata_page_problems((ROOT / "book" / "errata.md").read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def chapter_labels() -> set[str]:
    """The labels defined in the chapter and appendix notebooks."""
    labels: set[str] = set()
    for path in CHAPTERS:
        for _, text in markdown_cells(path):
            labels.update(re.findall(r"^\(([\w:-]+)\)=\s*$", text, flags=re.M))
    return labels


def glossary_entries(text: str) -> list[tuple[str, str]]:
    """``(terms, definition)`` of each entry of the ``{glossary}`` block."""
    block = re.search(r"^```\{glossary\}\s*\n(.*?)^```\s*$", text, flags=re.S | re.M)
    assert block, "no {glossary} block"
    entries: list[tuple[list[str], list[str]]] = []
    for line in block[1].split("\n"):
        if not line.strip():
            continue
        if line.startswith((" ", "\t")):
            entries[-1][1].append(line.strip())
        elif entries and not entries[-1][1]:
            entries[-1][0].append(line.strip())  # an alias of the term above
        else:
            entries.append(([line.strip()], []))
    return [(" / ".join(terms), " ".join(body)) for terms, body in entries]


LINK = re.compile(r"\{(?:ref|numref)\}`(?:[^`<]*<)?(?P<label>[\w:-]+)>?`|\{doc\}`(?:[^`<]*<)?(?P<doc>[^`>]+)>?`")


def glossary_problems(text: str, labels: set[str]) -> list[str]:
    """Glossary entries without a link to a chapter or appendix section."""
    problems = []
    for terms, body in glossary_entries(text):
        targets = [m["label"] or m["doc"] for m in LINK.finditer(body)]
        if not any(t in labels or "notebooks/" in t for t in targets):
            problems.append(f"{terms}: no link to a chapter section (links: {targets})")
    return problems


def test_glossary_check_catches_an_unlinked_entry() -> None:
    text = (
        "```{glossary}\n梯度\n  见 {ref}`toolkit-gradient`。\n导数\n  斜率，见 {ref}`术语表 <glossary-page>`。\n```\n"
    )
    problems = glossary_problems(text, {"toolkit-gradient"})
    assert problems == ["导数: no link to a chapter section (links: ['glossary-page'])"]


def test_every_glossary_entry_links_to_where_it_is_taught() -> None:
    text = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    assert len(glossary_entries(text)) >= 40
    problems = glossary_problems(text, chapter_labels())
    assert not problems, "\n".join(problems)


def test_glossary_has_the_terms_the_review_asks_for() -> None:
    terms = {
        t
        for entry, _ in glossary_entries((ROOT / "book" / "glossary.md").read_text(encoding="utf-8"))
        for t in entry.split(" / ")
    }
    wanted = {
        "特征值",
        "特征向量",
        "链式法则",
        "泰勒展开",
        "矩阵乘法",
        "转置",
        "雅可比矩阵",
        "黑塞矩阵",
        "海森矩阵",
        "局部最小值",
        "全局最小值",
        "极小值",
        "线性关系",
    }
    assert wanted <= terms, wanted - terms


# ---------------------------------------------------------------------------------------------------------------------
# A link that names a section number names the right one
# ---------------------------------------------------------------------------------------------------------------------

HEADING = re.compile(r"^#{1,4}\s+(?:第\s*(?P<chapter>\d+)\s*章|附录\s*(?P<appendix>[A-Z])|(?P<section>[A-Z\d]+\.\d+))")
NUMBERED_LINK = re.compile(r"\{ref\}`(?P<text>[^`<]*?)\s*<(?P<label>[\w:-]+)>`")


def label_numbers(sources: list[tuple[str, str]]) -> dict[str, tuple[str, str | None]]:
    """``label -> (chapter, section or None)`` for the labels placed right before a heading.

    A label before an unnumbered subheading gets the number of the section it is in.
    """
    numbers: dict[str, tuple[str, str | None]] = {}
    chapter, section = "", None
    for _, text in sources:
        pending: list[str] = []
        for line in text.split("\n"):
            if LABEL.match(line):
                pending.append(line.strip()[1:-2])
                continue
            if re.match(r"^#{1,4}\s", line):
                heading = HEADING.match(line)
                if heading and (heading["chapter"] or heading["appendix"]):
                    chapter, section = heading["chapter"] or heading["appendix"], None
                elif heading:
                    section = heading["section"]
                elif line.startswith("## "):
                    section = None  # an unnumbered section such as 小结 or 练习
                numbers.update({name: (chapter, section) for name in pending})
            if line.strip():
                pending = []
    return numbers


def numbered_link_problems(text: str, numbers: dict[str, tuple[str, str | None]]) -> list[str]:
    """Links whose text says 第 N 章, 附录 A.k or N.k while the label sits under another number."""
    problems = []
    for m in NUMBERED_LINK.finditer(text):
        if m["label"] not in numbers:
            continue
        chapter, section = numbers[m["label"]]
        said_chapter = re.search(r"第\s*(\d+)\s*章|附录\s*([A-Z])(?![.\d])", m["text"])
        said_section = re.search(r"(?<![\d.])([A-Z]|\d+)\.(\d+)(?![\d.])", m["text"])
        if said_chapter and (said_chapter[1] or said_chapter[2]) != chapter:
            problems.append(f"{m[0]}: the label is in chapter {chapter}")
        if said_section and said_section[0] != section:
            problems.append(f"{m[0]}: the label is at section {section or 'chapter ' + chapter}")
    return problems


def test_numbered_link_check_catches_a_wrong_number() -> None:
    chapter = "(ch-x)=\n# 第 4 章 梯度下降\n(sec-a)=\n## 4.5 更新规则\n文字\n(sec-b)=\n### 梯度指向上坡\n"
    numbers = label_numbers([("ch", chapter), ("toolkit", "# 附录 A 工具\n(toolkit-t)=\n## A.5 泰勒展开\n")])
    assert numbers == {"ch-x": ("4", None), "sec-a": ("4", "4.5"), "sec-b": ("4", "4.5"), "toolkit-t": ("A", "A.5")}
    good = (
        "{ref}`第 4 章 4.5 节 <sec-a>`、{ref}`附录 A.5 <toolkit-t>`、{ref}`第 4 章 <ch-x>`、{ref}`4.5 节“上坡” <sec-b>`"
    )
    assert numbered_link_problems(good, numbers) == []
    for bad in (
        "{ref}`第 4 章 4.4 节 <sec-a>`",
        "{ref}`第 3 章 <sec-b>`",
        "{ref}`附录 A.6 <toolkit-t>`",
        "{ref}`4.4 <sec-b>`",
    ):
        assert numbered_link_problems(bad, numbers), bad


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_numbered_links_name_the_right_section(path: Path) -> None:
    numbers = label_numbers([(str(p), text) for p in CHAPTERS for _, text in markdown_cells(p)])
    problems = [
        f"cell {cell}: {problem}"
        for cell, text in markdown_cells(path)
        for problem in numbered_link_problems(text, numbers)
    ]
    assert not problems, f"{path.relative_to(ROOT)}\n" + "\n".join(problems)
