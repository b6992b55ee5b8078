#!/usr/bin/env python3
"""Print a monthly income/expense summary from a ledger export (data/transactions.json)."""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "transactions.json"


@dataclass
class MonthlySummary:
    month: str
    currency: str
    income: int = 0
    expenses: dict[str, int] = field(default_factory=dict)

    @property
    def total_expenses(self) -> int:
        return sum(self.expenses.values())

    @property
    def net(self) -> int:
        return self.income - self.total_expenses


def load_ledger(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def summarize(ledger: dict[str, Any], month: str) -> MonthlySummary:
    kinds = {account["id"]: account["kind"] for account in ledger["accounts"]}
    summary = MonthlySummary(month=month, currency=ledger["currency"])
    expenses: dict[str, int] = defaultdict(int)
    for tx in ledger["transactions"]:
        if not tx["date"].startswith(month):
            continue
        cents = tx["amount"]["cents"]
        if kinds.get(tx["from"]) == "income":
            summary.income += cents
        if kinds.get(tx["to"]) == "expense":
            expenses[tx["to"]] += cents
    summary.expenses = dict(sorted(expenses.items()))
    return summary


def format_cents(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100:,}.{abs(cents) % 100:02d}"


def render(summary: MonthlySummary) -> str:
    lines = [f"Report for {summary.month} ({summary.currency})"]
    lines.append(f"  {'income':<12}{format_cents(summary.income):>12}")
    for account, cents in summary.expenses.items():
        lines.append(f"  {account:<12}{format_cents(-cents):>12}")
    lines.append(f"  {'net':<12}{format_cents(summary.net):>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--month", required=True, help="month to report, as YYYY-MM")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="ledger export (JSON)")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d{4}-\d{2}", args.month):
        parser.error(f"--month must look like 2026-10, got {args.month!r}")
    summary = summarize(load_ledger(args.file), args.month)
    if summary.income == 0 and not summary.expenses:
        print(f"No transactions found for {args.month}", file=sys.stderr)
        return 1
    print(render(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
