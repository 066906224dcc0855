"""Shared pytest configuration: hypothesis profiles and the doctest namespace."""

import os

import matplotlib
import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

# Deterministic by default (CI); HYPOTHESIS_PROFILE=dev explores new examples.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    doctest_namespace["np"] = np
    doctest_namespace["sympy"] = sympy
