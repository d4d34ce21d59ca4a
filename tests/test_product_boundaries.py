"""The product package (``leadfunnel``) does not depend on the sample-company simulator
(``leadfunnel_sample``): only the CLI's ``generate`` and ``demo`` commands import it, lazily
inside the command, so the product runs (and installs its modules) without it."""

from __future__ import annotations

import ast
from pathlib import Path

from leadfunnel.paths import PROJECT_DIR

PRODUCT = PROJECT_DIR / "orchestration" / "leadfunnel"
SAMPLE = "leadfunnel_sample"
CLI = PRODUCT / "cli.py"
ALLOWED_IN_CLI = {"generate", "demo"}  # the commands (functions) that may import the sample


def imported_modules(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    return []


def sample_imports(path: Path) -> list[tuple[int, str | None]]:
    """(line, enclosing top-level function or None) of every import of the sample in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for top in tree.body:
        owner = top.name if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef) else None
        for node in ast.walk(top):
            for module in imported_modules(node):
                if module == SAMPLE or module.startswith(SAMPLE + "."):
                    found.append((node.lineno, owner))
    return found


def test_no_product_module_but_the_cli_imports_the_sample():
    offenders = [
        f"{path.relative_to(PROJECT_DIR)}:{line}"
        for path in sorted(PRODUCT.rglob("*.py"))
        if path != CLI
        for line, _ in sample_imports(path)
    ]
    assert offenders == []


def test_the_cli_imports_the_sample_only_inside_generate_and_demo():
    found = sample_imports(CLI)
    assert found, "the CLI's generate and demo commands use the sample"
    assert {owner for _, owner in found} <= ALLOWED_IN_CLI, found


def test_the_check_finds_an_import_of_the_sample(tmp_path):
    """The check itself can fail: every import form is seen, with its enclosing function."""
    module = tmp_path / "module.py"
    module.write_text(
        "import leadfunnel_sample\n"
        "from leadfunnel_sample.company import generate\n"
        "def demo():\n    import leadfunnel_sample.truth as truth\n"
        "import leadfunnel_samples  # another package\n",
        encoding="utf-8",
    )
    assert sample_imports(module) == [(1, None), (2, None), (4, "demo")]
