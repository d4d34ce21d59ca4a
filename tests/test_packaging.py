"""Packaging rules, checked on the source with ``ast``:

- the product package (``leadfunnel``) does not depend on the sample-company simulator
  (``leadfunnel_sample``): only the CLI's ``generate`` and ``demo`` commands import it, lazily
  inside the command;
- every third-party module the code imports is a declared dependency in ``pyproject.toml``
  (the packages' in ``[project] dependencies``; tests, benchmarks and scripts may also use the
  ``dev`` group), never something that happens to be installed by another package.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from leadfunnel.paths import PROJECT_DIR

PRODUCT = PROJECT_DIR / "orchestration" / "leadfunnel"
SAMPLE = "leadfunnel_sample"
CLI = PRODUCT / "cli.py"
ALLOWED_IN_CLI = {"generate", "demo"}  # the commands (functions) that may import the sample
PACKAGES = ("orchestration",)
DEVELOPMENT = ("tests", "benchmarks", "scripts")
# our packages, and modules beside the importing file (conftest, a test module another imports)
OURS = {"leadfunnel", "leadfunnel_sample"} | {
    path.stem for folder in DEVELOPMENT for path in (PROJECT_DIR / folder).glob("*.py")
}


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


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    """(distributions of [project] dependencies, of the dev group), canonical names."""
    data = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))

    def names(requirements: list) -> set[str]:
        return {
            _canonical(re.split(r"[ <>=!~;\[]", r, maxsplit=1)[0])
            for r in requirements
            if isinstance(r, str)
        }

    return names(data["project"]["dependencies"]), names(data["dependency-groups"]["dev"])


def _third_party_imports(folders: tuple[str, ...]) -> dict[str, str]:
    """Top-level third-party module -> the first file importing it, under ``folders``."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted((PROJECT_DIR / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                for module in imported_modules(node):
                    top = module.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in OURS:
                        found.setdefault(top, str(path.relative_to(PROJECT_DIR)))
    return found


def _undeclared(imports: dict[str, str], declared: set[str]) -> list[str]:
    distributions = importlib.metadata.packages_distributions()
    return [
        f"{module} (imported by {path}; installed by {distributions.get(module, ['nothing'])})"
        for module, path in sorted(imports.items())
        if not {_canonical(d) for d in distributions.get(module, [])} & declared
    ]


def test_every_module_the_packages_import_is_a_declared_dependency():
    project, _ = _declared()
    assert _undeclared(_third_party_imports(PACKAGES), project) == []


def test_every_module_tests_benchmarks_and_scripts_import_is_declared():
    project, dev = _declared()
    assert _undeclared(_third_party_imports(DEVELOPMENT), project | dev) == []
