"""Shared test set-up for tests/, docs/ and the doctests in src/: Hypothesis profiles,
and a programme registry put back as it was after each test.

``ci`` runs many examples to find real bugs (chosen when CI is set, or with
HYPOTHESIS_PROFILE=ci); ``dev`` is the fast default for local runs. Neither has a
deadline: timing belongs in bench/, not in tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True)
def _restore_programme_registry() -> Iterator[None]:
    from peelmodel import programmes

    saved = dict(programmes._registry())
    yield
    programmes._REGISTRY.clear()
    programmes._REGISTRY.update(saved)
