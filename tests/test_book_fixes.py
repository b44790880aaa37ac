"""The book's Sphinx fixes in _ext that work on text alone: joining Chinese lines, splitting display maths."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docutils import nodes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))

import cjk_text
import katex_prerender


def paragraph(*children: nodes.Node) -> nodes.paragraph:
    """A paragraph inside a document, as MyST builds it (soft line breaks are ``Text("\\n")``)."""
    document = nodes.document(None, None)
    para = nodes.paragraph("", "", *children)
    document += para
    return para


def joined(para: nodes.paragraph) -> str:
    for run in cjk_text.inline_runs(para.document):
        cjk_text.join_cjk_lines(run)
    return para.astext()


def test_a_line_break_between_chinese_characters_disappears():
    assert joined(paragraph(nodes.Text("这是数学。\n它源自"))) == "这是数学。它源自"


def test_a_line_break_beside_latin_text_or_digits_stays():
    assert joined(paragraph(nodes.Text("梯度\ngradient\n下降 2\n次"))) == "梯度\ngradient\n下降 2\n次"


def test_a_line_break_is_joined_across_inline_markup():
    para = paragraph(nodes.Text("最常用的是"), nodes.strong("", "梯度"), nodes.Text("\n"), nodes.emphasis("", "下降"))
    assert joined(para) == "最常用的是梯度下降"


def test_formulas_and_code_are_never_joined_across_or_changed():
    formula, code = nodes.math("", "a\n b"), nodes.literal("", "中\n文")
    para = paragraph(nodes.Text("把\n"), formula, nodes.Text("\n看成"), code, nodes.Text("\n好"))
    assert joined(para) == "把\na\n b\n看成中\n文\n好"


def test_the_text_nodes_are_replaced_in_place():
    strong = nodes.strong("", "梯度")
    para = paragraph(nodes.Text("甲\n"), strong, nodes.Text("\n乙"))
    joined(para)
    assert para[1] is strong
    assert [str(c) for c in para.children if isinstance(c, nodes.Text)] == ["甲", "乙"]


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        ("a = b", "a = b"),
        ("a = b\n\nc = d", r"\begin{gathered}a = b\\c = d\end{gathered}"),
        ("x \\\\ y\n  \nz", r"\begin{gathered}\begin{aligned}x \\ y\end{aligned}\\z\end{gathered}"),
    ],
)
def test_equations_separated_by_blank_lines_go_on_separate_lines(latex: str, expected: str):
    assert katex_prerender.split_equations(latex) == expected
