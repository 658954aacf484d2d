"""Execute a notebook on a real Jupyter kernel of this Python and save it with its outputs.

Usage: python scripts/run_notebook.py notebooks/explore.ipynb [--out OUT.ipynb] [--timeout S]

The kernel is ipykernel running under the interpreter that runs this script (the
project's venv), through a kernelspec written to a temporary folder: nothing has to
be installed with ``jupyter kernelspec``, and a ``python3`` kernelspec of another
Python on the machine is never picked up. Cells run with the notebook's folder as
the working directory, as in Jupyter. Without ``--out`` the notebook is rewritten in
place with its new outputs; a cell that raises makes the exit code 1 and the
traceback is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

KERNEL_NAME = "kg-venv-python"


def execute(path: Path, *, timeout: int = 600) -> object:
    """Execute the notebook at ``path`` and return it (an ``nbformat.NotebookNode``)."""
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="kg-kernels-") as kernels:
        spec = Path(kernels) / KERNEL_NAME
        spec.mkdir()
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        (spec / "kernel.json").write_text(
            json.dumps({"argv": argv, "display_name": "Python 3 (kg)", "language": "python"}),
            encoding="utf-8",
        )
        manager = KernelManager(
            kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[kernels])
        )
        client = NotebookClient(
            nb,
            km=manager,
            timeout=timeout,
            resources={"metadata": {"path": str(path.resolve().parent)}},
        )
        client.execute()
    # Keep the notebook's own kernelspec (python3) for people who open it in Jupyter.
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    return nb


def main() -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="Where to save (default: in place).")
    parser.add_argument("--timeout", type=int, default=600, help="Seconds per cell.")
    args = parser.parse_args()
    import nbformat
    from nbclient.exceptions import CellExecutionError

    try:
        nb = execute(args.notebook, timeout=args.timeout)
    except CellExecutionError as exc:
        print(f"{args.notebook}: a cell failed:\n{exc}", file=sys.stderr)
        return 1
    nbformat.write(nb, args.out or args.notebook)
    print(f"executed {args.notebook} -> {args.out or args.notebook}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
