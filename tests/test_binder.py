"""Binder: the configuration repo2docker generates from runtime.txt, apt.txt and requirements.txt.

``repo2docker --no-build --debug`` prints the Dockerfile it would build,
without Docker; we check it asks for the right Python, installs the CJK font
and the pinned requirements (nnmath included), and that the chapter pages'
launch links open JupyterLab on the chapter.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dockerfile(tmp_path_factory: pytest.TempPathFactory) -> str:
    # repo2docker reads the files a fresh clone would have: copy the tracked ones.
    clone = tmp_path_factory.mktemp("clone") / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    for name in ("runtime.txt", "apt.txt", "requirements.txt", "pyproject.toml"):
        (clone / name).write_bytes((ROOT / name).read_bytes())
    result = subprocess.run(
        [str(Path(sys.executable).with_name("repo2docker")), "--no-build", "--debug", str(clone)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


def test_binder_uses_the_pinned_python(dockerfile: str) -> None:
    version = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    assert version == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert f"python={version}" in dockerfile


def test_binder_installs_the_cjk_font(dockerfile: str) -> None:
    packages = (ROOT / "apt.txt").read_text().split()
    assert "fonts-wqy-microhei" in packages
    install = re.search(r"apt-get install --yes --no-install-recommends ([^&]+)&&", dockerfile)
    assert install is not None
    assert set(packages) <= set(install.group(1).split())


def test_binder_installs_requirements_and_nnmath(dockerfile: str) -> None:
    assert 'pip install --no-cache-dir -r "requirements.txt"' in dockerfile
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert "-e ." in requirements
    pins = [line for line in requirements if line and not line.startswith(("#", "-e"))]
    assert pins and all("==" in line for line in pins), "every requirement must be pinned"
    assert any(line.startswith("jupyterlab==") for line in pins)


# Tools for building and testing the book: a reader's Binder image needs none of them.
DEV_ONLY = (
    "docker",
    "playwright",
    "axe-playwright-python",
    "jupyter-repo2docker",
    "pytest",
    "hypothesis",
    "ruff",
    "nbval",
    "jupyter-book",
    "jieba",
    "coverage",
    "greenlet",
)


def _names(path: Path) -> set[str]:
    lines = path.read_text().splitlines()
    return {line.split("==")[0].strip().lower().replace("_", "-") for line in lines if "==" in line}


def test_binder_installs_no_build_or_test_tools(dockerfile: str) -> None:
    reader = _names(ROOT / "requirements.txt")
    assert reader.isdisjoint(DEV_ONLY), f"requirements.txt carries build/test tools: {sorted(reader & set(DEV_ONLY))}"
    assert "requirements-dev.txt" not in dockerfile


def test_dev_requirements_build_on_the_reader_requirements() -> None:
    lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in lines
    pins = [line for line in lines if line and not line.startswith(("#", "-r"))]
    assert pins and all("==" in line for line in pins), "every requirement must be pinned"
    dev = _names(ROOT / "requirements-dev.txt")
    assert {"jupyter-book", "nbval", "pytest", "playwright"} <= dev
    assert dev.isdisjoint(_names(ROOT / "requirements.txt")), "a package is pinned twice"


def test_launch_buttons_open_jupyterlab() -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    launch = config["launch_buttons"]
    assert launch["notebook_interface"] == "jupyterlab"
    assert launch["binderhub_url"] and launch["colab_url"]
    assert launch["thebe"] is False, "Live Code would load thebe from a CDN: it is not offered"
    assert config["repository"]["url"].startswith("https://github.com/")
