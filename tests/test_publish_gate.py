"""The publish gate's memory of dbt results across full builds and selected refreshes
(``recorded_build`` / ``record_build`` / ``audit``), on hand-written run results and
manifests: no dbt needed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from leadfunnel.dbt_runner import dbt_args
from leadfunnel.paths import home
from leadfunnel.publishing.gate import (
    audit,
    dbt_test_parents,
    gate_path,
    record_build,
    recorded_build,
)

AS_OF = datetime(2026, 10, 31, tzinfo=UTC)
FINGERPRINT = {"salesforce.lead": [10, None]}
HANDOFFS = "model.leadfunnel.fct_mql_handoffs"
COHORTS = "model.leadfunnel.rpt_funnel_cohort_monthly"
USERS = "model.leadfunnel.dim_users"
# a test on the handoffs only, one across handoffs and the cohort report, one on users only
ON_HANDOFFS = "test.leadfunnel.not_null_fct_mql_handoffs_person_id"
ACROSS = "test.leadfunnel.assert_cohort_sizes_reconcile"
ON_USERS = "test.leadfunnel.unique_dim_users_user_id"
MANIFEST = {
    "nodes": {
        ON_HANDOFFS: {"depends_on": {"nodes": [HANDOFFS]}},
        ACROSS: {"depends_on": {"nodes": [HANDOFFS, COHORTS]}},
        ON_USERS: {"depends_on": {"nodes": [USERS]}},
        HANDOFFS: {"depends_on": {"nodes": []}},
    },
    "unit_tests": {},
}


def results(**statuses: str) -> dict:
    ids = {"handoffs": HANDOFFS, "cohorts": COHORTS, "users": USERS}
    ids |= {"on_handoffs": ON_HANDOFFS, "across": ACROSS, "on_users": ON_USERS}
    return {"results": [{"unique_id": ids[k], "status": v} for k, v in statuses.items()]}


@pytest.fixture
def target(tmp_path):
    root = home(tmp_path / "home").ensure()
    gate = root.root / "quality"
    gate.mkdir(parents=True, exist_ok=True)
    # a passed quality gate, so the verdict is about dbt alone
    (gate / "gate.json").write_text(
        '{"quality": {"checked_at": "2026-10-31T00:00:00+00:00", "passed": true, '
        '"blocking": [], "warnings": [], "expectations": 1, "docs": "", '
        '"fingerprint": {"salesforce.lead": [10, null]}}}'
    )
    return root


def build(target, run_results, *, full, error=None):
    record_build(
        target,
        as_of=AS_OF,
        run_results=run_results,
        fingerprint=FINGERPRINT,
        full=full,
        error=error,
        manifest=MANIFEST,
    )
    return audit(target, FINGERPRINT)


def test_a_selected_build_selects_only_tests_whose_every_parent_it_rebuilds():
    args = dbt_args("build", select=["+fct_mql_handoffs"])
    assert args[args.index("--indirect-selection") + 1] == "cautious"
    assert "--indirect-selection" not in dbt_args("build")  # a full build runs every test


def test_parents_come_from_the_manifest():
    assert dbt_test_parents(MANIFEST)[ACROSS] == {HANDOFFS, COHORTS}
    assert HANDOFFS not in dbt_test_parents(MANIFEST)  # models are not tests


def test_a_failed_refresh_stops_blocking_once_a_refresh_rebuilds_its_models(target):
    everything = results(
        handoffs="success", cohorts="success", users="success", on_handoffs="pass",
        across="pass", on_users="pass",
    )  # fmt: skip
    assert build(target, everything, full=True).ok
    # an eager refresh ran the test across rebuilt handoffs and the old cohort report: failed
    failed = build(
        target, results(handoffs="success", on_handoffs="pass", across="fail"), full=False,
        error="dbt build failed",
    )  # fmt: skip
    assert not failed.ok and "1 dbt test(s) failed" in "; ".join(failed.reasons)
    # the next (cautious) refresh rebuilds the handoffs and does not run the test across marts:
    # its old failure is about a copy that no longer exists
    assert build(target, results(handoffs="success", on_handoffs="pass"), full=False).ok


def test_a_failing_test_blocks_until_a_build_that_runs_it_passes(target):
    build(target, results(users="success", on_users="pass", handoffs="success"), full=True)
    blocked = build(target, results(users="success", on_users="fail"), full=False)
    assert not blocked.ok
    # a refresh of other models leaves the failing users test (and its bad model) as it was
    assert not build(target, results(handoffs="success", on_handoffs="pass"), full=False).ok
    assert build(target, results(users="success", on_users="pass"), full=False).ok


def test_a_passing_full_build_publishes_whatever_a_refresh_failed_before(target):
    build(target, results(handoffs="success", on_handoffs="fail"), full=False, error="failed")
    assert build(
        target, results(handoffs="success", on_handoffs="pass", across="pass"), full=True
    ).ok


def test_without_a_manifest_earlier_failures_are_kept(target):
    build(target, results(handoffs="success", across="fail"), full=False, error="failed")
    record_build(
        target,
        as_of=AS_OF,
        run_results=results(handoffs="success", on_handoffs="pass"),
        fingerprint=FINGERPRINT,
        full=False,
    )
    assert not audit(target, FINGERPRINT).ok


def dbt_section(target) -> dict:
    return json.loads(gate_path(target).read_text(encoding="utf-8"))["dbt"]


def test_a_recorded_build_is_under_way_until_it_ends_then_holds_its_results(target):
    with recorded_build(target, AS_OF, full=True) as record:
        during = dbt_section(target)
        record.run_results = results(handoffs="success", on_handoffs="pass")
        record.manifest = MANIFEST
    after = dbt_section(target)
    assert (during["ok"], during["full"], during["as_of"]) == (
        False,
        True,
        "2026-10-31T00:00:00+00:00",
    )
    assert "under way" in during["error"]
    assert (after["ok"], after["error"], after["full_as_of"]) == (
        True,
        "",
        "2026-10-31T00:00:00+00:00",
    )
    assert after["nodes"] == {
        HANDOFFS: {"status": "success", "failures": None, "message": ""},
        ON_HANDOFFS: {"status": "pass", "failures": None, "message": ""},
    }
    assert after["fingerprint"] == {}  # no build.duckdb in this home


@pytest.mark.parametrize(
    ("error", "recorded"),
    [
        (
            RuntimeError("dbt build failed (1 of 3 ERROR)\nthe log is ..."),
            "dbt build failed (1 of 3 ERROR)",
        ),
        (KeyboardInterrupt(), "KeyboardInterrupt"),
    ],
)
def test_a_failed_or_interrupted_build_is_recorded_with_its_first_error_line(
    target, error, recorded
):
    with pytest.raises(type(error)), recorded_build(target, AS_OF, full=False) as record:
        record.run_results = results(handoffs="error")
        raise error
    section = dbt_section(target)
    assert (section["ok"], section["error"], section["full"]) == (False, recorded, False)
    assert section["nodes"][HANDOFFS]["status"] == "error"
