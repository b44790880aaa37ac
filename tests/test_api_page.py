"""The API page documents the public API and nothing else.

Every name that ``import nnmath`` exports is on the page (with a Chinese
summary row), nothing private is, and no ``automodule`` publishes a whole
module's internals.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import nnmath

PAGE = (Path(__file__).resolve().parent.parent / "book" / "api.md").read_text(encoding="utf-8")
DOCUMENTED = re.findall(r"^\.\. auto(?:function|class|exception):: ([\w.]+)", PAGE, flags=re.MULTILINE)


def test_every_exported_name_is_documented_with_a_summary() -> None:
    documented = {target.rsplit(".", 1)[1] for target in DOCUMENTED}
    missing = sorted(set(nnmath.__all__) - documented)
    assert missing == [], f"exported but not on the API page: {missing}"
    for name in nnmath.__all__:
        assert re.search(rf"^\| [^|]*`nn\.{name}\b", PAGE, flags=re.MULTILINE), f"no summary row for nn.{name}"


def test_nothing_private_and_no_whole_modules() -> None:
    assert "automodule" not in PAGE
    private = [target for target in DOCUMENTED if any(part.startswith("_") for part in target.split("."))]
    assert private == []
    members = re.findall(r":members: (.+)", PAGE)
    assert all(not name.strip().startswith("_") for line in members for name in line.split(","))


def test_every_documented_target_exists_in_a_maths_module() -> None:
    for target in DOCUMENTED:
        module_name, name = target.rsplit(".", 1)
        assert not module_name.endswith(("plotting", "explorer", "_views", "views")), target
        assert hasattr(importlib.import_module(module_name), name), target
