"""Running dbt for leadfunnel: the argument list (a pure function) and the subprocess call.

The CLI and Dagster both build their dbt invocations from :func:`dbt_args`, so a build means
the same thing wherever it starts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from leadfunnel.clock import DEFAULT_BUSINESS_TIMEZONE, business_timezone_name, format_as_of
from leadfunnel.paths import PROJECT_DIR, Home

# which tests a selected build runs: those whose every parent it rebuilt (dbt's "cautious")
SELECTED_BUILD_TESTS = "cautious"
# the 15-minute handoff refresh (`leadfunnel run --handoffs`, Dagster's handoff_refresh_job):
# the models the SLA marts need, each with everything upstream of it
HANDOFF_MODELS = ("fct_mql_handoffs", "rpt_open_sla_breaches", "rpt_handoffs_weekly")
HANDOFF_SELECTION = tuple(f"+{name}" for name in HANDOFF_MODELS)


class DbtError(RuntimeError):
    """dbt exited with an error; the message says which step and where the log is."""


def dbt_args(
    command: str = "build",
    *,
    as_of: datetime | None = None,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    extra_vars: Mapping[str, object] | None = None,
    fail_fast: bool = False,
) -> list[str]:
    """The dbt command line (without the executable) for one leadfunnel invocation.

    Vars: ``extra_vars``, ``as_of`` when given, and ``business_timezone`` when the setting
    (``leadfunnel.clock``) is not the default, which is also the var's default in
    ``dbt_project.yml``: dbt and Python always count in the same zone.

    A selection runs with *cautious* indirect test selection: only the tests whose every parent
    the selection rebuilds. dbt's default (eager) would also run a test that spans a rebuilt
    mart and one the selection left as it was, and fail it for comparing two builds; such
    tests run in the full build.
    """
    args = [command, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)]
    dbt_vars: dict[str, object] = {}
    zone = business_timezone_name()
    if zone != DEFAULT_BUSINESS_TIMEZONE:
        dbt_vars["business_timezone"] = zone
    dbt_vars.update(extra_vars or {})
    if as_of is not None:
        dbt_vars["as_of"] = format_as_of(as_of)
    if dbt_vars:
        args += ["--vars", json.dumps(dbt_vars, ensure_ascii=False, sort_keys=True)]
    if select:
        args += ["--select", *select, "--indirect-selection", SELECTED_BUILD_TESTS]
    if exclude:
        args += ["--exclude", *exclude]
    if fail_fast:
        args.append("--fail-fast")
    return args


def dbt_executable() -> str:
    """The dbt executable of this environment (next to the Python running leadfunnel)."""
    beside = Path(sys.executable).with_name("dbt")
    if beside.exists():
        return str(beside)
    found = shutil.which("dbt")
    if found is None:
        raise DbtError("dbt is not installed in this environment; run `make install` first")
    return found


def dbt_target_path(home: Home, base: Mapping[str, str] | None = None) -> Path:
    """Where a CLI dbt run writes its artifacts: ``$DBT_TARGET_PATH``, else the home's own
    ``dbt_target/`` (never the shared ``target/``, so builds of two homes cannot mix their
    run_results.json)."""
    env = os.environ if base is None else base
    return Path(env.get("DBT_TARGET_PATH") or home.root / "dbt_target")


def latest_run_results(since: datetime, target: Path = PROJECT_DIR / "target") -> dict | None:
    """dbt's run_results.json in ``target`` if it was written by an invocation after ``since``."""
    path = target / "run_results.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    started = data.get("metadata", {}).get("invocation_started_at") or data.get("metadata", {}).get(
        "generated_at"
    )
    if not started:
        return None
    moment = datetime.fromisoformat(started.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return data if moment >= since.replace(microsecond=0) else None


def read_manifest(target: Path) -> dict | None:
    """dbt's manifest.json in ``target`` (which tests depend on which models), if any."""
    path = target / "manifest.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def dbt_env(home: Home, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for a dbt process: where the database and artifacts are, and no telemetry."""
    env = dict(os.environ if base is None else base)
    env["DBT_TARGET_PATH"] = str(dbt_target_path(home, env))
    env.update(
        {
            "LEADFUNNEL_HOME": str(home.root),
            "LEADFUNNEL_BUILD_DB": str(home.build_db),
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_USE_COLORS": "false",
            "DO_NOT_TRACK": "1",
        }
    )
    return env


def run_dbt(
    args: Sequence[str],
    home: Home,
    on_line: Callable[[str], None] | None = None,
) -> None:
    """Run dbt with ``args``; stream its output lines to ``on_line``; raise DbtError on failure."""
    process = subprocess.Popen(
        [dbt_executable(), *args],
        cwd=PROJECT_DIR,
        env=dbt_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    tail: list[str] = []
    assert process.stdout is not None
    try:
        for line in process.stdout:
            line = line.rstrip("\n")
            tail = [*tail[-40:], line]
            if on_line is not None:
                on_line(line)
    finally:
        # interrupted (Ctrl-C, a closed pipe): dbt must not go on writing the warehouse
        # after we have let go of the build lock
        if process.poll() is None and sys.exc_info()[0] is not None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    if process.wait() != 0:
        failures = [t for t in tail if "ERROR" in t or "FAIL" in t or "Error" in t]
        detail = failures[-1].strip() if failures else (tail[-1].strip() if tail else "")
        raise DbtError(
            f"dbt {args[0]} failed ({detail}); the full log is {PROJECT_DIR / 'logs' / 'dbt.log'}"
        )
