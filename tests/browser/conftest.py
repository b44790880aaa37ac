"""Fixtures of the browser tests: the book built with warnings as errors, served on loopback, and Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bookpages import BUILD, CHROMIUM, HTML, ROOT, launch_chromium, serve


def build_book() -> subprocess.CompletedProcess[str]:
    """Build the HTML book with warnings as errors (the README's build, minus the set-up)."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "--all", "-W", "--keep-going"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "MPLBACKEND"},
    )


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The HTML book, built once per test session; the build must pass with warnings as errors.

    With ``NNMATH_BOOK_BUILD`` set, the book already built in that folder is used as it is.
    """
    if BUILD is not None:
        if not (HTML / "index.html").exists():
            pytest.fail(f"NNMATH_BOOK_BUILD={BUILD}: no book built there (jupyter-book build . --path-output {BUILD})")
        return HTML
    result = build_book()
    if result.returncode != 0:
        output = result.stdout + result.stderr
        problems = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
        pytest.fail("the book failed to build (warnings are errors):\n" + "\n".join(problems or [output[-4000:]]))
    return HTML


@pytest.fixture(scope="session")
def book_url(built_book: Path) -> Iterator[str]:
    """The built book served over HTTP on 127.0.0.1."""
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (scripts/setup.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        yield chromium
        chromium.close()
