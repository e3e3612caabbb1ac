"""What a region's name says: its ARN partition and DNS suffix."""

from __future__ import annotations

__all__ = ["partition"]


def partition(region: str) -> tuple[str, str]:
    """The ARN partition and DNS suffix of ``region``."""
    if region.startswith("cn-"):
        return "aws-cn", "amazonaws.com.cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov", "amazonaws.com"
    return "aws", "amazonaws.com"
