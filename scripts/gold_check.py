"""Check gold files: article gold (``*.json``) and pair files (``*.jsonl``).

Usage: ``.venv/bin/python scripts/gold_check.py FILE_OR_FOLDER...``; prints every problem and
exits 1 if there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from kg.gold import check_article, check_pairs_file, load_article  # noqa: E402


def main(argv: list[str]) -> int:
    problems: list[str] = []
    files: list[Path] = []
    for arg in argv or [str(PROJECT / "benchmarks" / "gold")]:
        p = Path(arg)
        files += sorted(p.rglob("*.json*")) if p.is_dir() else [p]
    for f in files:
        if f.suffix == ".json":
            try:
                problems += check_article(load_article(f), str(f))
            except ValueError as exc:
                problems.append(f"{f}: {exc}")
        elif f.suffix == ".jsonl":
            problems += check_pairs_file(f)
    for p in problems:
        print(p)
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
