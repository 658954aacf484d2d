"""notebooks/explore.ipynb runs top to bottom on a real Jupyter kernel (nbclient + ipykernel)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run_kg

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


@pytest.mark.slow
def test_explore_notebook_runs_and_answers(tmp_path: Path) -> None:
    # The notebook reads ../output/graph.ttl: lay out a fresh build of this code beside a copy
    # of it, so that it never runs against a committed (possibly stale) output.
    built = run_kg("build", "--sample", "-o", str(tmp_path / "output"), "--no-plot", "--no-html")
    assert built.returncode == 0, built.stderr
    (tmp_path / "notebooks").mkdir()
    notebook = tmp_path / "notebooks" / NOTEBOOK.name
    shutil.copy(NOTEBOOK, notebook)
    out = tmp_path / "explore.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "run_notebook.py"),
            str(notebook),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    nb = json.loads(out.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert 6 <= len(code) <= 16
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors
    texts = ["".join(o.get("data", {}).get("text/plain", "")) for c in code for o in c["outputs"]]
    allies = next(c for c in code if 'allies("Japan")' in "".join(c["source"]))
    assert "United States" in "".join(allies["outputs"][0]["data"]["text/plain"])
    evidence = next(c for c in code if "evidence(" in "".join(c["source"]))
    assert "threatened to target Japan" in "".join(evidence["outputs"][0]["data"]["text/plain"])
    assert any("North Korea" in t for t in texts)
    images = [o for c in code for o in c["outputs"] if "image/png" in o.get("data", {})]
    assert images, "graph.plot() draws inline"


def test_committed_notebook_carries_its_outputs() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] for c in code)
    assert all(c["execution_count"] for c in code)
