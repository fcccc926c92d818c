"""Shared test set-up: Hypothesis profiles.

``ci`` runs many examples to find real bugs (chosen when CI is set, or with
HYPOTHESIS_PROFILE=ci); ``dev`` is the fast default for local runs. Neither has a
deadline: timing belongs in bench/, not in tests.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
