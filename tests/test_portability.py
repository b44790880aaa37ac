"""The stored notebook outputs hold on another machine: nbval under a different numeric configuration.

Another CPU changes the last bits of matrix products, least squares and
exp/log/tanh (OpenBLAS picks a kernel per CPU; numpy dispatches SIMD code per
CPU). This machine simulates one: OpenBLAS's generic Prescott kernel and numpy
held to its baseline SIMD level. nbval then re-executes every chapter against
the outputs stored by the default configuration; any stored digit that is
rounding noise fails here. (The HTML book under the same configuration is
compared in ``tests/browser/test_portable_build.py``.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Another machine, simulated: OpenBLAS's generic x86 kernel and numpy's baseline SIMD only.
#: NPY_DISABLE_CPU_FEATURES accepts only numpy 2.4's dispatch-target names (others warn at import).
OTHER_MACHINE = {
    "OPENBLAS_CORETYPE": "Prescott",
    "NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR",
}


def other_machine_env() -> dict[str, str]:
    """This process's environment with the other machine's numeric configuration."""
    return {**{k: v for k, v in os.environ.items() if k != "MPLBACKEND"}, **OTHER_MACHINE}


def test_the_other_configuration_switches_off_numpys_simd_targets() -> None:
    # numpy reports its dispatch targets; under the other configuration none of them may be on,
    # and a misspelt name would warn at import (fatal under -W error).
    targets = OTHER_MACHINE["NPY_DISABLE_CPU_FEATURES"].split()
    code = (
        "from numpy._core._multiarray_umath import __cpu_features__ as f\n"
        f"print(sorted(k for k in {targets!r} if f.get(k)))"
    )
    other = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True, env=other_machine_env()
    )
    assert other.stderr == "", other.stderr
    assert other.stdout.strip() == "[]", f"still dispatched to: {other.stdout}"


def test_every_chapter_passes_nbval_on_another_machine() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "notebooks",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            "tests/nbval_sanitize.cfg",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=other_machine_env(),
        timeout=1800,
    )
    summary = result.stdout.strip().splitlines()[-1:] or [""]
    assert result.returncode == 0, "nbval fails under another numeric configuration:\n" + result.stdout[-6000:]
    assert " passed" in summary[0] and "failed" not in summary[0], summary
