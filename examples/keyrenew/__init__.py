"""keyrenew: a job that renews AppSync API keys before they expire."""

from .job import renew_expiring

__all__ = ["renew_expiring"]
