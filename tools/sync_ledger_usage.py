"""Rewrite the `notebooks` and `figures` columns of data/claims.csv from what the notebooks use.

Run after editing a notebook (then `explainers manifest --update`); tests/unit/test_notebooks.py
fails while the ledger and the notebooks disagree. Planned uses by notebooks that do not exist
yet (numbers above the highest notebook present) are kept.
"""

import csv
import sys
from pathlib import Path

from explainers import chapter, paths


def main() -> int:
    notebooks = sorted(paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    present = {p.stem.split("_", 1)[0] for p in notebooks}
    usage = chapter.ledger_usage(notebooks)
    ledger = paths.data_dir() / "claims.csv"
    with open(ledger, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        planned = {n for n in row["notebooks"].split(";") if n and n not in present}
        used = usage.get(row["id"], {"notebooks": set(), "figures": set()})
        row["notebooks"] = ";".join(sorted(planned | used["notebooks"]))
        planned_figures = {f for f in row["figures"].split(";") if f and f[:2] not in present}
        row["figures"] = ";".join(sorted(planned_figures | used["figures"]))
    with open(ledger, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"updated usage columns of {len(rows)} claims from {len(notebooks)} notebooks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
