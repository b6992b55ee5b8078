import io
import sys
import unittest
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import report  # noqa: E402

FIXTURE = ROOT / "data" / "transactions.json"


class SummarizeTest(unittest.TestCase):
    def setUp(self) -> None:
        self.ledger = report.load_ledger(FIXTURE)

    def test_october_totals(self) -> None:
        summary = report.summarize(self.ledger, "2026-10")
        self.assertEqual(summary.currency, "EUR")
        self.assertEqual(summary.income, 320000)
        self.assertEqual(summary.expenses, {"groceries": 11015, "rent": 115000, "utilities": 9410})
        self.assertEqual(summary.net, 184575)

    def test_card_repayment_is_not_an_expense(self) -> None:
        summary = report.summarize(self.ledger, "2026-10")
        self.assertNotIn("card", summary.expenses)

    def test_empty_month(self) -> None:
        summary = report.summarize(self.ledger, "2025-01")
        self.assertEqual(summary.total_expenses, 0)
        self.assertEqual(summary.net, 0)


class FormatTest(unittest.TestCase):
    def test_format_cents(self) -> None:
        self.assertEqual(report.format_cents(123456), "1,234.56")
        self.assertEqual(report.format_cents(-5), "-0.05")

    def test_render_lists_each_expense(self) -> None:
        text = report.render(report.summarize(report.load_ledger(FIXTURE), "2026-09"))
        self.assertIn("Report for 2026-09 (EUR)", text)
        self.assertIn("groceries", text)
        self.assertIn("net", text)


class MainTest(unittest.TestCase):
    def test_main_prints_report(self) -> None:
        out = io.StringIO()
        with redirect_stdout(out):
            code = report.main(["--month", "2026-10", "--file", str(FIXTURE)])
        self.assertEqual(code, 0)
        self.assertIn("1,845.75", out.getvalue())

    def test_main_fails_for_month_without_data(self) -> None:
        err = io.StringIO()
        with redirect_stderr(err):
            code = report.main(["--month", "1999-01", "--file", str(FIXTURE)])
        self.assertEqual(code, 1)
        self.assertIn("No transactions found", err.getvalue())


if __name__ == "__main__":
    unittest.main()
