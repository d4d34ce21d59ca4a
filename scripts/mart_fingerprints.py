"""Fingerprint every mart of a published warehouse: one hash of all rows, one per column.

Used to prove that a refactoring moved nothing: build the same data at the same ``as_of``
before and after, fingerprint both, compare.

    uv run python scripts/mart_fingerprints.py warehouse/serve.duckdb > before.json
    uv run python scripts/mart_fingerprints.py warehouse/serve.duckdb --compare before.json

The row hash is over the rows sorted as text; a column's hash is over its values sorted, so a
changed column is named even when the row order moves. Doubles are rounded to 9 decimals
(summation order may change the last bits), so equal means equal to 1e-9.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from leadfunnel.fingerprints import compare, fingerprints


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--schema", default="marts")
    parser.add_argument("--compare", type=Path, help="fingerprints saved before (JSON)")
    args = parser.parse_args()
    current = fingerprints(args.database, args.schema)
    if args.compare is None:
        json.dump(current, sys.stdout, indent=1, sort_keys=True)
        return 0
    differences = compare(json.loads(args.compare.read_text()), current)
    print("\n".join(differences) if differences else "every mart is identical")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
