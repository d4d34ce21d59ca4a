"""Meeting reports from the published warehouse (``serve.duckdb``).

    from leadfunnel.report import build_monthly_report, build_weekly_report
    result = build_monthly_report(db_path, out_root, "2026-10", lang="ja")
    result.paths  # {"html": ..., "pdf": ..., "xlsx": ...} under out_root/2026-10/

- monthly: ``out_root/YYYY-MM/monthly_review.{html,pdf,xlsx}``, nine sections in the order of
  the monthly review's agenda (``monthly``);
- weekly: ``out_root/YYYY-Www/weekly_summary.{html,xlsx}`` for the 30-minute weekly
  meeting (``weekly``).

Every number is read through ``queries`` (the one query layer); ``document`` is the report as
data; ``html``, ``pdf`` and ``excel`` render it; ``charts`` draws the PNGs in the bundled IPAex
Gothic (``fonts``); ``i18n`` has the Japanese and English labels.
"""

from leadfunnel.report.common import ReportResult
from leadfunnel.report.monthly import build_monthly_report
from leadfunnel.report.periods import PeriodError
from leadfunnel.report.queries import ReportError
from leadfunnel.report.weekly import build_weekly_report

__all__ = [
    "PeriodError",
    "ReportError",
    "ReportResult",
    "build_monthly_report",
    "build_weekly_report",
]
