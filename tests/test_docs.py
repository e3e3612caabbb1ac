"""The documentation that is generated must be current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_supported_operations_page_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "supported_operations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_supported_operation_is_in_the_botocore_model() -> None:
    import botocore.session

    import mockway

    session = botocore.session.get_session()
    for service, operations in mockway.supported_operations().items():
        model = session.get_service_model(service)
        assert set(operations) <= set(model.operation_names), service


DOCUMENTS = [
    "README.md",
    *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")),
]


def python_blocks(path: Path) -> list[str]:
    """The ```python blocks of a Markdown page, in order."""
    blocks, current = [], None
    for line in path.read_text().splitlines():
        if current is None and line.strip() == "```python":
            current = []
        elif current is not None and line.strip() == "```":
            blocks.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if python_blocks(ROOT / d)])
def test_every_code_block_runs(pytester: pytest.Pytester, document: str) -> None:
    """A page's Python blocks are one test module, run with the plugin as a user's suite runs
    them: each block must run and each test it defines must pass."""
    source = "\n\n".join(python_blocks(ROOT / document))
    pytester.makepyfile(**{"test_" + Path(document).stem.replace("-", "_"): source})
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:hypothesispytest")
    tests = len(re.findall(r"^(?:async )?def test_", source, re.MULTILINE))
    result.assert_outcomes(passed=tests)


def test_supported_operations_page_names_what_is_not_supported() -> None:
    import botocore.session

    import mockway

    page = (ROOT / "docs" / "supported-operations.md").read_text()
    session = botocore.session.get_session()
    for service, supported in mockway.supported_operations().items():
        model = session.get_service_model(service)
        section = page.split(f"(`{service}`)\n\n", 1)[1].split("\n## ", 1)[0]
        total = len(model.operation_names)
        assert f"({len(supported)} of {total})" in section, service
        for name in set(model.operation_names) - set(supported):
            assert f"`{name}`" in section.split("**Supported**")[0], (service, name)


def test_supported_operations_page_has_no_wide_table() -> None:
    """The page fits a 1280 px window: its tables are short, the operations a column list."""
    page = (ROOT / "docs" / "supported-operations.md").read_text()
    rows = [line for line in page.splitlines() if line.startswith("|")]
    assert rows
    assert max(len(row) for row in rows) <= 100
    assert max(row.count("|") for row in rows) <= 4


def test_home_page_shows_the_install_section_written_once() -> None:
    home = (ROOT / "docs" / "index.md").read_text()
    assert '--8<-- "getting-started.md:install"' in home
    assert python_blocks(ROOT / "docs" / "index.md"), "the home page shows a first test"
    started = (ROOT / "docs" / "getting-started.md").read_text()
    assert "<!-- --8<-- [start:install] -->" in started
    assert "<!-- --8<-- [end:install] -->" in started
    saying = [d for d in DOCUMENTS if "mockway has no release" in (ROOT / d).read_text()]
    assert saying == ["docs/getting-started.md"]


def test_api_reference_covers_the_public_api() -> None:
    import mockway

    page = (ROOT / "docs" / "reference.md").read_text()
    for name in mockway.__all__:
        assert f"::: mockway.{name}\n" in page, name
    for module in ("mockway.apigateway.view", "mockway.appsync.view"):
        assert f"::: {module}\n" in page, module


def test_the_site_is_built_and_read_offline() -> None:
    """Nothing fetched at build time (no inventories) or in the browser (no highlight.js CDN):
    code is highlighted by Pygments when the site is built."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert config["theme"]["highlightjs"] is False
    extensions = {
        next(iter(e)) if isinstance(e, dict) else e: e for e in config["markdown_extensions"]
    }
    assert extensions["pymdownx.highlight"]["pymdownx.highlight"]["use_pygments"] is True
    plugins = {next(iter(p)) if isinstance(p, dict) else p: p for p in config["plugins"]}
    python = plugins["mkdocstrings"]["mkdocstrings"]["handlers"]["python"]
    assert "inventories" not in python
    assert "import" not in python
    assert (ROOT / "docs" / "css" / "pygments.css").exists()
    for css in config["extra_css"]:
        assert (ROOT / "docs" / css).exists(), css
    assert "extra_javascript" not in config
