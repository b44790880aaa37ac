"""Chinese text without stray spaces (中文软换行): drop a source line break between two CJK characters.

MyST turns a line break inside a paragraph into a newline in the text, and the
browser draws that newline as a space: 「数学。 它源自」. A line break between two
CJK characters (ideographs, kana, hangul, CJK and full-width punctuation) is
removed; one beside a Latin letter, a digit or a formula stays a space. Code,
maths and raw HTML are never touched, and a line break never joins text across
them (「中文 $x$ 中文」 keeps its spaces).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: CJK characters: punctuation and symbols, kana, ideographs (with extension A and
#: compatibility forms), hangul, and full-width forms.
CJK = (
    "\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)

#: A line break (with any spaces around it) between two CJK characters.
SOFT_BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")

#: Nodes whose text is kept exactly as written; a line break is never joined across them.
VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.image, nodes.comment)


def inline_runs(node: nodes.Element) -> list[list[nodes.Text]]:
    """The runs of neighbouring text nodes (相邻文本) under ``node``, in reading order.

    A run continues through inline elements (emphasis, links, …); block
    elements and the :data:`VERBATIM` nodes end it.
    """
    runs: list[list[nodes.Text]] = [[]]

    def walk(element: nodes.Element) -> None:
        for child in element.children:
            if isinstance(child, nodes.Text):
                runs[-1].append(child)
            elif isinstance(child, VERBATIM):
                runs.append([])
            elif isinstance(child, nodes.Inline):
                walk(child)
            elif isinstance(child, nodes.Element):
                runs.append([])
                walk(child)
                runs.append([])

    walk(node)
    return [run for run in runs if run]


def replace_text(old: nodes.Text, text: str) -> None:
    """Put ``text`` in place of the text node ``old`` (by identity: text nodes compare by value)."""
    parent = old.parent
    index = next(i for i, child in enumerate(parent.children) if child is old)
    parent[index] = nodes.Text(text)


def join_cjk_lines(run: list[nodes.Text]) -> int:
    """Remove the line breaks between two CJK characters in one run of text nodes; return how many."""
    text = "".join(str(t) for t in run)
    breaks = [m.span() for m in SOFT_BREAK.finditer(text)]
    if not breaks:
        return 0
    start = 0
    for node in run:
        end = start + len(node)
        kept = "".join(ch for offset, ch in enumerate(str(node), start) if not any(a <= offset < b for a, b in breaks))
        if kept != str(node):
            replace_text(node, kept)
        start = end
    return len(breaks)


class JoinCJKLines(SphinxPostTransform):
    """Drop the soft line breaks between CJK characters (after glue and cross-references are resolved)."""

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        """Apply :func:`join_cjk_lines` to every run of text in the document."""
        for run in inline_runs(self.document):
            join_cjk_lines(run)


def setup(app: Sphinx) -> None:
    """Register the transform."""
    app.add_post_transform(JoinCJKLines)
