"""The ``dbt`` marker is enforced (tests/conftest.py): the fast suite (``-m "not dbt"``) runs
no dbt, and a test that needs dbt says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import pytest_collection_modifyitems, runs_dbt


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["/venv/bin/dbt", "build", "--select", "marts"], True),
        (["dbt", "seed"], True),
        (["/venv/bin/dbt", "parse", "--quiet"], False),  # parsing builds nothing
        ([sys.executable, "-m", "leadfunnel.cli", "build", "--as-of", "x"], True),
        ([sys.executable, "-m", "leadfunnel.cli", "demo"], True),
        ([sys.executable, "-m", "leadfunnel.cli", "report", "--month", "2026-09"], False),
        (["/venv/bin/leadfunnel", "run", "--handoffs"], True),
        (["git", "status"], False),
        ("dbt", False),
    ],
)
def test_what_counts_as_running_dbt(args, expected):
    assert runs_dbt(args) is expected


def test_an_unmarked_test_that_starts_dbt_fails():
    with pytest.raises(pytest.fail.Exception, match=r"runs dbt without @pytest\.mark\.dbt"):
        subprocess.run([str(Path(sys.executable).with_name("dbt")), "build"], check=False)


def _item(name: str, fixtures: tuple[str, ...], marked: bool) -> SimpleNamespace:
    markers = ["dbt"] if marked else []
    return SimpleNamespace(
        path=Path("tests") / name,
        nodeid=f"tests/{name}::test_x",
        fixturenames=fixtures,
        get_closest_marker=lambda marker: marker if marker in markers else None,
        add_marker=lambda mark: markers.append(mark.name),
    )


def test_using_built_warehouse_without_the_marker_fails_collection():
    items = [_item("test_ok.py", ("built_warehouse",), marked=True), _item("test_x.py", (), False)]
    pytest_collection_modifyitems(None, items)  # fine
    items.append(_item("test_forgot.py", ("tmp_path", "built_warehouse"), marked=False))
    with pytest.raises(pytest.UsageError, match=r"first tests/test_forgot\.py::test_x"):
        pytest_collection_modifyitems(None, items)
