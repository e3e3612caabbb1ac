"""keydesk: a small service that issues, rotates and disables API keys for customers."""

from .manager import IssuedKey, KeyManager, UsageSummary

__all__ = ["IssuedKey", "KeyManager", "UsageSummary"]
