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
