"""Benches act as a signed-in administrator, as every command does since accounts (issue 11)."""

from __future__ import annotations

from advisor.model.services import Services

BENCH_USER, BENCH_PASSWORD = "bench", "bench password"


def seated(services: Services) -> Services:
    """The same services, signed in as the bench's administrator (made on a new database)."""
    if services.accounts.has_accounts():
        services.accounts.sign_in(BENCH_USER, BENCH_PASSWORD)
    else:
        services.accounts.create_administrator(BENCH_USER, BENCH_PASSWORD, "Bench")
    return services
