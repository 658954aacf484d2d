"""Run the ``kg`` command line in a fresh interpreter, as a user would."""

from __future__ import annotations

import subprocess
import sys


def run_kg(
    *args: str, stdin: str | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kg.cli ARGS`` and return the finished process (never raises on exit code)."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=timeout,
        check=False,
    )
