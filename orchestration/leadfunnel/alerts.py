"""SLA breach alerts: Slack-compatible messages in Japanese, each breach posted once.

The breaches come from ``marts.rpt_open_sla_breaches`` in the PUBLISHED warehouse
(``serve.duckdb``, opened read-only, so alerting never waits for a build). A breach is one
``(handoff_id, rule)`` with status ``breached``; its message names the lead, the owner, the
manager to escalate to, the rule and how many hours it is overdue; its times are in the
business time zone (``leadfunnel.clock``).

Delivery state is ``$LEADFUNNEL_HOME/alerts/delivered.json`` (key -> when it was posted),
rewritten atomically after every successful post: a breach is never posted twice, also across
restarts and crashes between two posts, and a post that fails (HTTP error, timeout) is not
recorded, so the next tick retries it.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from leadfunnel.clock import business_time_text
from leadfunnel.paths import Home
from leadfunnel.publishing.serve import serve_path
from leadfunnel.warehouse import open_published

WEBHOOK_ENV = "LEADFUNNEL_ALERT_WEBHOOK"
BREACH_TABLE = "rpt_open_sla_breaches"
POST_TIMEOUT_SECONDS = 10.0

RULE_LABELS: dict[str, str] = {
    "first_contact": "初回接触（MQL通知から24時間以内）",
    "decision": "SQL判定（MQL受領から5営業日以内）",
}


BEHAVIOUR_LABELS: dict[str, str] = {
    "latest_activity_at": "日時",
    "latest_activity_type": "種別",
    "latest_activity_detail": "内容",
}
MAX_POSTS_PER_PASS = 20  # a first start with many open breaches must not flood the channel


class AlertsUnavailable(RuntimeError):
    """There is nothing to read yet (no published warehouse, or no breach report in it)."""


@dataclass(frozen=True)
class Breach:
    """One open breach of the handoff SLA, with the names a message needs."""

    handoff_id: str
    rule: str
    person_id: str
    deadline_at: datetime | None
    hours_overdue: float | None
    owner_user_id: str | None
    owner_name: str | None
    manager_user_id: str | None
    manager_name: str | None
    lead_name: str | None
    company_name: str | None
    latest: dict[str, str] = field(default_factory=dict)  # the lead's latest behaviour

    @property
    def key(self) -> str:
        return f"{self.handoff_id}:{self.rule}"


def open_breaches(path: Path) -> list[Breach]:
    """The breached handoffs in the published warehouse at ``path`` (read-only)."""
    if not path.exists():
        raise AlertsUnavailable(f"there is no published warehouse at {path} yet")
    con = open_published(path)
    try:
        columns = _columns(con)
        breaches = columns.get(BREACH_TABLE)
        if breaches is None:
            raise AlertsUnavailable(
                f"{path.name} has no marts.{BREACH_TABLE} yet (the SLA models are not built)"
            )
        users, people = columns.get("dim_users", set()), columns.get("dim_people", set())
        latest = sorted(c for c in breaches if c.startswith(("latest_", "last_")))
        owner = "owner.user_name" if "user_name" in users else "null"
        manager = "manager.user_name" if "user_name" in users else "null"
        lead = _first(
            "b.lead_name" if "lead_name" in breaches else None,
            "person.full_name" if "full_name" in people else None,
        )
        company = _first(
            "b.company_name" if "company_name" in breaches else None,
            "person.company_name" if "company_name" in people else None,
        )
        joins = ""
        if users:
            joins += (
                " left join marts.dim_users as owner on owner.user_id = b.owner_user_id"
                " left join marts.dim_users as manager on manager.user_id = b.escalate_to_user_id"
            )
        if people:
            joins += " left join marts.dim_people as person on person.person_id = b.person_id"
        latest_sql = "".join(f", b.{_q(c)}" for c in latest)
        rows = con.execute(
            f"""
            select cast(b.handoff_id as varchar), b.rule, cast(b.person_id as varchar),
                   b.deadline_at, b.hours_overdue, b.owner_user_id, {owner},
                   b.escalate_to_user_id, {manager}, {lead}, {company}{latest_sql}
            from marts.{BREACH_TABLE} as b {joins}
            where b.status = 'breached'
            order by b.deadline_at, b.handoff_id, b.rule
            """
        ).fetchall()
    finally:
        con.close()
    return [
        Breach(
            handoff_id=row[0],
            rule=row[1],
            person_id=row[2],
            deadline_at=row[3],
            hours_overdue=float(row[4]) if row[4] is not None else None,
            owner_user_id=row[5],
            owner_name=row[6],
            manager_user_id=row[7],
            manager_name=row[8],
            lead_name=row[9],
            company_name=row[10],
            latest={
                name: _local(value) if isinstance(value, datetime) else str(value)
                for name, value in zip(latest, row[11:], strict=True)
                if value is not None and value != ""
            },
        )
        for row in rows
    ]


def _first(*expressions: str | None) -> str:
    """SQL for the first non-null of the available expressions (``null`` if none)."""
    present = [e for e in expressions if e]
    return f"coalesce({', '.join(present)})" if present else "null"


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for table, column in con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts'"
    ).fetchall():
        out.setdefault(table, set()).add(column)
    return out


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _local(moment: datetime | None) -> str:
    """A time of the breach report (UTC) in the business time zone, or "unknown"."""
    return "不明" if moment is None else business_time_text(moment)


def _person(name: str | None, user_id: str | None) -> str:
    if name and user_id:
        return f"{name}（{user_id}）"
    return name or user_id or "未設定"


def payload(breach: Breach) -> dict:
    """The Slack-compatible message (``text`` fallback plus Block Kit) for one breach."""
    rule = RULE_LABELS.get(breach.rule, breach.rule)
    overdue = f"{breach.hours_overdue:.1f}時間" if breach.hours_overdue is not None else "不明"
    lead = breach.lead_name or breach.person_id
    if breach.company_name:
        lead = f"{lead}（{breach.company_name}）"
    owner = _person(breach.owner_name, breach.owner_user_id)
    manager = _person(breach.manager_name, breach.manager_user_id)
    text = (
        f":rotating_light: SLA超過: {lead} の{rule}が{overdue}超過しています。"
        f"担当: {owner} / エスカレーション先: {manager}"
    )
    fields = [
        ("リード", lead),
        ("ルール", rule),
        ("担当者", owner),
        ("マネージャー", manager),
        ("超過時間", overdue),
        ("期限", _local(breach.deadline_at)),
    ]
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": "SLA超過アラート"}},
        {
            "type": "section",
            "fields": [{"type": "mrkdwn", "text": f"*{k}*\n{v}"} for k, v in fields],
        },
    ]
    if breach.latest:
        behaviour = "\n".join(
            f"・{BEHAVIOUR_LABELS.get(k, k)}: {v}" for k, v in breach.latest.items()
        )
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*直近の行動*\n{behaviour}"}}
        )
    blocks.append(
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": f"handoff {breach.handoff_id} / person {breach.person_id} / leadfunnel",
                }
            ],
        }
    )
    return {"text": text, "blocks": blocks}


def redact(text: str, webhook: str) -> str:
    """``text`` without the webhook URL or any part of it that could be its secret (the URL
    itself, its path and query, and each path segment or query value of 6+ characters):
    webhook URLs carry their token in the path (Slack) or the query (Teams, Discord)."""
    try:
        parts = urllib.parse.urlsplit(webhook) if "://" in webhook else None
    except ValueError:  # a malformed URL (e.g. an unclosed IPv6 bracket)
        parts = None
    secrets = {webhook.strip()}
    tail = webhook.split("://", 1)[-1]
    secrets.add(tail)
    pieces = tail.replace("?", "/").replace("&", "/").replace("=", "/").split("/")
    if parts is not None:
        secrets.update({parts.path, parts.query, parts.netloc + parts.path})
    secrets.update(piece for piece in pieces if len(piece) >= 6)
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "<webhook>")
    return text


def post(webhook: str, message: Mapping, timeout: float = POST_TIMEOUT_SECONDS) -> None:
    """POST ``message`` as JSON to ``webhook``; raise on a non-2xx answer or a network error."""
    request = urllib.request.Request(
        webhook,
        data=json.dumps(message, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(
                webhook, response.status, "not 2xx", response.headers, None
            )


class AlertState:
    """The keys already delivered, persisted as JSON (atomic rewrite after each post)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.delivered: dict[str, str] = (
            json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        )

    def __contains__(self, key: str) -> bool:
        return key in self.delivered

    def mark(self, key: str) -> None:
        self.delivered[key] = datetime.now(UTC).isoformat()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.delivered, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


def state_path(home: Home) -> Path:
    return home.root / "alerts" / "delivered.json"


@dataclass
class Delivery:
    """What one alerting pass did."""

    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # key -> error
    already: int = 0
    pending: int = 0  # not tried after a failure; retried next pass

    def describe(self) -> str:
        text = f"posted {len(self.sent)} new SLA breach alert(s), {self.already} already posted"
        if self.pending and not self.failed:
            text += f"; {self.pending} more follow on the next tick"
        if self.failed:
            first = next(iter(self.failed.values()))
            waiting = len(self.failed) + self.pending
            text += f"; {waiting} not delivered, retried next tick (webhook error: {first})"
        return text


def deliver_new(home: Home, webhook: str) -> Delivery:
    """Post every breached handoff of the published warehouse not posted before.

    At most :data:`MAX_POSTS_PER_PASS` per pass (the rest follow on the next passes), and
    after a failed post the others wait for the next pass too (a webhook that is down would
    otherwise cost one timeout per breach).
    """
    state = AlertState(state_path(home))
    outcome = Delivery()
    for breach in open_breaches(serve_path(home)):
        if breach.key in state:
            outcome.already += 1
        elif outcome.failed or len(outcome.sent) >= MAX_POSTS_PER_PASS:
            outcome.pending += 1
        else:
            try:
                post(webhook, payload(breach))
            except (OSError, ValueError) as error:  # URLError, HTTPError, timeouts, bad URLs
                # the message may quote the URL (e.g. "unknown url type: 'hooks...'"): the
                # webhook's token never reaches a message, a log or the Dagster UI
                text = str(error).strip() or type(error).__name__
                outcome.failed[breach.key] = redact(text, webhook)
                continue
            state.mark(breach.key)
            outcome.sent.append(breach.key)
    return outcome
