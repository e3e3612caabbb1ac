"""The documentation that is generated must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
