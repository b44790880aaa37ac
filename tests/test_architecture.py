"""nnmath's layers: the maths never reaches for the presentation.

The core modules compute with numpy alone; figures, widgets and text for the
pages sit on top of them (the subpackage ``nnmath.views``, ``writeout``,
``environment``). ``import nnmath`` must stay light
(no matplotlib, no ipywidgets), and no maths module may import a presentation
module or library, directly or through another maths module.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nnmath"
PRESENTATION_LIBRARIES = ("matplotlib", "ipywidgets", "IPython", "PIL", "anywidget")


def module_name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")


def is_presentation(name: str) -> bool:
    last = name.split(".")[-1]
    return last in ("writeout", "environment") or ".views." in name or name.endswith(".views")


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
MATHS = sorted(name for name in MODULES if not is_presentation(name) and name != "nnmath")


def imports_of(name: str) -> set[str]:
    """Every module that ``name`` imports, at any place in its source (absolute names)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES)
    return found


def test_the_layers_are_found() -> None:
    assert {"nnmath.linear", "nnmath.descent", "nnmath.network"} <= set(MATHS)
    assert "nnmath.views.plotting" not in MATHS and "nnmath.views.xor" not in MATHS


@pytest.mark.parametrize("name", MATHS)
def test_a_maths_module_imports_no_presentation(name: str) -> None:
    seen, todo, bad = set(), [name], []
    while todo:  # follow the maths modules it imports, so that no indirect path is missed
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for imported in imports_of(current):
            if imported.split(".")[0] in PRESENTATION_LIBRARIES or (imported in MODULES and is_presentation(imported)):
                bad.append(f"{current} imports {imported}")
            elif imported in MODULES:
                todo.append(imported)
    assert bad == [], bad


def test_importing_nnmath_loads_no_plotting_or_widgets() -> None:
    code = f"import sys, nnmath\nprint(sorted(m for m in sys.modules if m.split('.')[0] in {PRESENTATION_LIBRARIES!r}))"
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
