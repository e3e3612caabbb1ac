"""Renew the AppSync API keys of an API that expire within a window.

AppSync keys live 1 to 365 days and stop working at ``expires``; a key past ``expires`` is kept
until ``deletes`` (60 days later) and can still be extended by UpdateApiKey, after which it
works again. The job extends every key that expires within ``within`` (including those already
expired but not yet deleted) to ``valid_for`` from now.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

DAY = 86_400


def renew_expiring(
    appsync: Any,
    api_id: str,
    *,
    within: datetime.timedelta = datetime.timedelta(days=7),
    valid_for: datetime.timedelta = datetime.timedelta(days=30),
) -> list[str]:
    """Extend the API's keys that expire within ``within``; the ids of the keys renewed."""
    now = int(time.time())
    horizon = now + int(within.total_seconds())
    renewed = []
    for page in appsync.get_paginator("list_api_keys").paginate(apiId=api_id):
        for key in page["apiKeys"]:
            if key["expires"] <= horizon:
                expires = now + int(valid_for.total_seconds())
                appsync.update_api_key(apiId=api_id, id=key["id"], expires=expires)
                renewed.append(key["id"])
    return renewed
