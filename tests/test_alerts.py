"""SLA breach alerts against a real HTTP server on 127.0.0.1, from a real serve.duckdb.

rpt_open_sla_breaches is written by hand here (in the columns of its contract), so these tests
do not depend on the SLA models' data.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest
from dagster import DagsterInstance, SkipReason, build_sensor_context

from leadfunnel.alerts import MAX_POSTS_PER_PASS, WEBHOOK_ENV, Breach, payload, state_path
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.dagster_defs.sensors import sla_breach_alert
from leadfunnel.paths import Home, home
from leadfunnel.publishing.serve import STORAGE_VERSION, serve_path

BREACHES = [
    # handoff_id, person_id, rule, status, deadline_at, hours_overdue, owner, escalate_to
    ("H1", "P1", "first_contact", "breached", datetime(2026, 11, 20, 1, 0), 26.5, "U1", "U9"),
    ("H1", "P1", "decision", "due_soon", datetime(2026, 11, 27, 9, 0), -3.0, "U1", "U9"),
    ("H2", "P2", "decision", "breached", datetime(2026, 11, 19, 9, 0), 50.25, "U2", "U9"),
]


def write_serve(target: Home, breaches: list[tuple]) -> None:
    """A published warehouse with the breach report and the dimensions it joins."""
    tmp = target.root / ".serve.test.tmp"
    con = duckdb.connect(str(tmp), config={"storage_compatibility_version": STORAGE_VERSION})
    try:
        con.execute("create schema marts")
        con.execute(
            "create table marts.dim_users (user_id varchar, user_name varchar, "
            "manager_user_id varchar)"
        )
        con.execute(
            "insert into marts.dim_users values ('U1', '佐藤 健', 'U9'), ('U2', '鈴木 舞', 'U9'), "
            "('U9', '高橋 部長', null)"
        )
        con.execute(
            "create table marts.dim_people (person_id varchar, full_name varchar, "
            "company_name varchar)"
        )
        con.execute(
            "insert into marts.dim_people values ('P1', '山田 太郎', '株式会社アルファ'), "
            "('P2', '田中 花子', 'ベータ工業株式会社')"
        )
        con.execute(
            "create table marts.rpt_open_sla_breaches (handoff_id varchar, person_id varchar, "
            "rule varchar, status varchar, deadline_at timestamp, hours_overdue double, "
            "owner_user_id varchar, escalate_to_user_id varchar, latest_activity_type varchar)"
        )
        con.executemany(
            "insert into marts.rpt_open_sla_breaches values (?, ?, ?, ?, ?, ?, ?, ?, 'pricing')",
            breaches,
        )
    finally:
        con.close()
    tmp.replace(serve_path(target))


class Webhook:
    """A local Slack-compatible webhook: records each POST; answers 500 while ``failing``."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.failing = False
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if outer.failing:
                    self.send_response(500)
                else:
                    outer.posts.append(json.loads(body.decode("utf-8")))
                    self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/sla"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Webhook:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def webhook(monkeypatch) -> Iterator[Webhook]:
    with Webhook() as hook:
        monkeypatch.setenv(WEBHOOK_ENV, hook.url)
        yield hook


def tick(target: Home) -> SkipReason:
    """One sensor evaluation in a fresh context (as after a restart: no cursor)."""
    with DagsterInstance.ephemeral() as instance:
        context = build_sensor_context(
            instance=instance, resources={"warehouse": WarehouseResource(root=str(target.root))}
        )
        result = sla_breach_alert(context)
    assert isinstance(result, SkipReason)  # the alert sensor never launches runs
    return result


def test_each_new_breach_is_posted_once_across_restarts(tmp_path, webhook):
    target = home(tmp_path / "home").ensure()
    write_serve(target, BREACHES)

    first = tick(target)
    assert len(webhook.posts) == 2  # the two breached rules, not the one due soon
    assert "posted 2 new SLA breach alert(s)" in first.skip_message
    texts = [post["text"] for post in webhook.posts]
    assert any("山田 太郎（株式会社アルファ）" in t and "初回接触" in t for t in texts)
    assert any("田中 花子" in t and "SQL判定" in t and "50.2時間" in t for t in texts)
    assert all("高橋 部長" in t for t in texts)

    second = tick(target)  # a restarted sensor: state comes from $LEADFUNNEL_HOME/alerts
    assert len(webhook.posts) == 2
    assert "posted 0 new SLA breach alert(s), 2 already posted" in second.skip_message
    assert set(json.loads(state_path(target).read_text())) == {"H1:first_contact", "H2:decision"}


def test_a_failing_webhook_is_retried_without_losing_the_alert(tmp_path, webhook):
    target = home(tmp_path / "home").ensure()
    write_serve(target, BREACHES)
    tick(target)
    assert len(webhook.posts) == 2

    newly = ("H3", "P2", "first_contact", "breached", datetime(2026, 11, 21, 0, 0), 4.0, "U2", "U9")
    write_serve(target, [*BREACHES, newly])  # the next publish has a new breach
    webhook.failing = True
    failed = tick(target)
    assert len(webhook.posts) == 2
    assert "1 not delivered, retried next tick" in failed.skip_message
    assert "H3:first_contact" not in json.loads(state_path(target).read_text())

    webhook.failing = False
    retried = tick(target)
    assert len(webhook.posts) == 3 and "posted 1 new" in retried.skip_message
    assert "H3" in webhook.posts[-1]["blocks"][-1]["elements"][0]["text"]
    tick(target)
    assert len(webhook.posts) == 3  # and never again


def test_a_backlog_is_posted_in_bounded_passes(tmp_path, webhook):
    target = home(tmp_path / "home").ensure()
    backlog = [
        (f"H{i:02d}", "P1", "decision", "breached", datetime(2026, 11, 1, 0, 0), 100.0, "U1", "U9")
        for i in range(MAX_POSTS_PER_PASS + 5)
    ]
    write_serve(target, backlog)
    first = tick(target)
    assert len(webhook.posts) == MAX_POSTS_PER_PASS
    assert "5 more follow on the next tick" in first.skip_message
    tick(target)
    assert len(webhook.posts) == MAX_POSTS_PER_PASS + 5
    handoffs = {post["blocks"][-1]["elements"][0]["text"] for post in webhook.posts}
    assert len(handoffs) == MAX_POSTS_PER_PASS + 5  # each one once


def test_without_a_webhook_the_sensor_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv(WEBHOOK_ENV, raising=False)
    result = tick(home(tmp_path / "home").ensure())
    assert WEBHOOK_ENV in result.skip_message and "off" in result.skip_message


def test_without_the_breach_report_the_sensor_says_so(tmp_path, webhook):
    target = home(tmp_path / "home").ensure()
    assert "no published warehouse" in tick(target).skip_message
    con = duckdb.connect(str(serve_path(target)))
    try:
        con.execute("create schema marts")
        con.execute("create table marts.dim_users (user_id varchar)")
    finally:
        con.close()
    result = tick(target)
    assert "no marts.rpt_open_sla_breaches yet" in result.skip_message
    assert webhook.posts == []


def test_payload_is_slack_compatible_japanese():
    message = payload(
        Breach(
            handoff_id="H9",
            rule="decision",
            person_id="P9",
            deadline_at=datetime(2026, 11, 20, 0, 0),
            hours_overdue=12.0,
            owner_user_id="U1",
            owner_name="佐藤 健",
            manager_user_id="U9",
            manager_name="高橋 部長",
            lead_name="山田 太郎",
            company_name=None,
            latest={"latest_activity_type": "pricing"},
        )
    )
    assert set(message) == {"text", "blocks"}
    json.dumps(message)  # serializable as is
    fields = {
        f["text"].split("\n")[0]: f["text"].split("\n")[1] for f in message["blocks"][1]["fields"]
    }
    assert fields["*担当者*"] == "佐藤 健（U1）"
    assert fields["*マネージャー*"] == "高橋 部長（U9）"
    assert fields["*超過時間*"] == "12.0時間"
    assert fields["*期限*"] == "2026-11-20 09:00 JST"
    assert "直近の行動" in message["blocks"][2]["text"]["text"]


SECRET = "xoxb-1234567890-SECRETtoken0123456789abcdef"


@pytest.mark.parametrize(
    "url",
    [
        f"hooks.example.com/services/T000/B000/{SECRET}",  # no scheme: "unknown url type"
        f"http://127.0.0.1:9/services/T000/B000/{SECRET}",  # nobody listens: connection refused
        f"http://[::1/services/{SECRET}",  # malformed host
        f"https://example.invalid/webhook?token={SECRET}",  # token in the query, unresolvable
    ],
)
def test_a_broken_webhook_never_shows_its_token(tmp_path, monkeypatch, url):
    target = home(tmp_path / "home").ensure()
    write_serve(target, BREACHES)
    monkeypatch.setenv(WEBHOOK_ENV, url)
    result = tick(target)
    assert "not delivered" in result.skip_message
    assert SECRET not in result.skip_message and "SECRETtoken" not in result.skip_message
    assert SECRET not in state_path(target).read_text() if state_path(target).exists() else True


def test_an_answering_webhook_that_fails_never_shows_its_token(tmp_path, monkeypatch):
    with Webhook() as hook:
        hook.failing = True
        url = f"{hook.url}/{SECRET}"
        monkeypatch.setenv(WEBHOOK_ENV, url)
        target = home(tmp_path / "home").ensure()
        write_serve(target, BREACHES)
        result = tick(target)
    assert "not delivered" in result.skip_message and SECRET not in result.skip_message
