"""forecast: a small client library for a weather API behind API Gateway, called with an API key;
it retries when throttled and stops when its quota is spent."""

from .client import ForecastClient, KeyRefused, QuotaExhausted

__all__ = ["ForecastClient", "KeyRefused", "QuotaExhausted"]
