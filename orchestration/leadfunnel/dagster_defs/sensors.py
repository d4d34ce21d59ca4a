"""Sensors: new extract files start a refresh; new SLA breaches post an alert.

``landing_sensor`` looks at ``$LEADFUNNEL_HOME/landing/`` every minute. Its cursor is every
file it has seen (relative path -> size and modification time); a file that is new or changed
since, settled (unmodified for ``SETTLE_SECONDS``, so a file still being copied waits) and whose
content is not already in the load ledger starts one ``refresh_job`` run.

``sla_breach_alert`` reads ``marts.rpt_open_sla_breaches`` from the published ``serve.duckdb``
and posts each newly breached handoff once to ``LEADFUNNEL_ALERT_WEBHOOK`` (``leadfunnel.alerts``
keeps what was delivered under ``$LEADFUNNEL_HOME/alerts/``). Without a webhook, a published
warehouse or the breach report it skips and says why.
"""

import hashlib
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from dagster import (
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from leadfunnel import alerts
from leadfunnel.dagster_defs.jobs import refresh_job
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.dagster_defs.tags import as_of_tags
from leadfunnel.locking import LockHeldError, build_lock
from leadfunnel.paths import Home
from leadfunnel.warehouse import connect

SETTLE_SECONDS = 30.0
LEDGER = '"leadfunnel_meta"."load_ledger"'


def scan(folder: Path, settle_seconds: float = SETTLE_SECONDS) -> tuple[dict[str, str], int]:
    """Settled extract files under ``folder``: relative path -> "size:mtime_ns"; and how many
    files are still being written (changed within ``settle_seconds``)."""
    from leadfunnel.landing.files import discover

    if not folder.is_dir():
        return {}, 0
    now = time.time()
    found: dict[str, str] = {}
    unsettled = 0
    for path in discover(folder):
        stat = path.stat()
        if now - stat.st_mtime < settle_seconds:
            unsettled += 1
            continue
        found[path.relative_to(folder).as_posix()] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return found, unsettled


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def landed_hashes(home: Home, hashes: set[str]) -> set[str]:
    """Which of ``hashes`` the load ledger has as loaded (caller holds the build lock)."""
    if not home.build_db.exists() or not hashes:
        return set()
    con = connect(home.build_db, read_only=True)
    try:
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'leadfunnel_meta' and table_name = 'load_ledger'"
        ).fetchone()[0]
        if not exists:
            return set()
        rows = con.execute(
            f"select distinct sha256 from {LEDGER} where status = 'loaded' "
            "and sha256 in (select unnest(?))",
            [sorted(hashes)],
        ).fetchall()
    finally:
        con.close()
    return {row[0] for row in rows}


def _cursor(raw: str | None) -> dict[str, str]:
    try:
        return dict(json.loads(raw)) if raw else {}
    except (ValueError, TypeError):
        return {}


@sensor(
    job=refresh_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description="New files in $LEADFUNNEL_HOME/landing start a land + refresh run.",
)
def landing_sensor(
    context: SensorEvaluationContext, warehouse: WarehouseResource
) -> SensorResult | SkipReason:
    home = warehouse.home()
    seen = _cursor(context.cursor)
    current, unsettled = scan(home.landing)
    changed = {name: sig for name, sig in current.items() if seen.get(name) != sig}
    waiting = f"; {unsettled} file(s) still being written" if unsettled else ""
    if not changed:
        return SkipReason(f"no new files in {home.landing}{waiting}")
    hashes = {name: sha256(home.landing / name) for name in changed}
    try:
        with build_lock(home, purpose="landing_sensor (reading the ledger)", timeout=0):
            landed = landed_hashes(home, set(hashes.values()))
    except (LockHeldError, duckdb.IOException) as busy:
        return SkipReason(f"build.duckdb is busy, looking again next tick ({busy})")
    new = sorted(name for name, digest in hashes.items() if digest not in landed)
    cursor = json.dumps(current, sort_keys=True)
    if not new:
        return SensorResult(
            skip_reason=SkipReason(
                f"{len(changed)} changed file(s) already in the load ledger{waiting}"
            ),
            cursor=cursor,
        )
    run_key = hashlib.sha256(
        json.dumps({n: hashes[n] for n in new}, sort_keys=True).encode()
    ).hexdigest()[:16]
    listed = ", ".join(new[:5]) + (f" and {len(new) - 5} more" if len(new) > 5 else "")
    context.log.info(f"{len(new)} new extract file(s): {listed}")
    return SensorResult(
        run_requests=[
            RunRequest(
                run_key=f"landing-{run_key}",
                tags={**as_of_tags(datetime.now(UTC)), "leadfunnel/new_files": str(len(new))},
            )
        ],
        cursor=cursor,
    )


@sensor(
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description=(
        "Posts each newly breached handoff (rpt_open_sla_breaches in serve.duckdb) once to "
        "LEADFUNNEL_ALERT_WEBHOOK as a Slack-compatible message in Japanese."
    ),
)
def sla_breach_alert(context: SensorEvaluationContext, warehouse: WarehouseResource) -> SkipReason:
    webhook = os.environ.get(alerts.WEBHOOK_ENV, "").strip()
    if not webhook:
        return SkipReason(f"{alerts.WEBHOOK_ENV} is not set, so SLA breach alerts are off")
    home = warehouse.home()
    try:
        delivery = alerts.deliver_new(home, webhook)
    except alerts.AlertsUnavailable as missing:
        return SkipReason(f"nothing to alert on: {missing}")
    for key in delivery.sent:
        context.log.info(f"posted SLA breach alert {key}")
    return SkipReason(delivery.describe())


sensors = [landing_sensor, sla_breach_alert]
