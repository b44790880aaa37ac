"""Point the book at a repository: `_config.yml`'s `repository.url` and every chapter's Colab set-up cell.

The launch buttons (Binder, Colab, live code) read the URL from _config.yml;
a chapter opened alone on Colab installs nnmath from it. Run this once after
forking: .venv/bin/python scripts/set_repository.py https://github.com/you/your-fork
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Rewrite the URL everywhere it is used."""
    if len(sys.argv) != 2 or not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", sys.argv[1]):
        sys.exit("usage: set_repository.py https://github.com/OWNER/REPO")
    url = sys.argv[1]
    config = ROOT / "_config.yml"
    text, count = re.subn(r"(?m)^(repository:\n  url: ).*$", rf"\g<1>{url}", config.read_text(encoding="utf-8"))
    if count != 1:
        sys.exit("_config.yml has no `repository: url:` entry")
    config.write_text(text, encoding="utf-8")
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        first = notebook.cells[0]
        first.source = re.sub(r'(?m)^REPOSITORY = ".*"$', f'REPOSITORY = "{url}"', first.source)
        nbformat.write(notebook, path)
    print(f"repository set to {url} in _config.yml and the chapters' set-up cells")
    return 0


if __name__ == "__main__":
    sys.exit(main())
