"""Shared pytest configuration: hypothesis profiles, the doctest namespace, and one path for
float two-player games per test."""

import os

import matplotlib
import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, settings

import solvers._compiled_bimatrix as compiled_bimatrix

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


# equilibria() has the compiled kernel for float two-player games built in a separate
# process after half a second of such games, and loads it when that is done; in tests that
# would make the path a test takes depend on timing. So tests take the general path unless
# they load the kernel themselves (its own tests compare the two), and the kernel is unloaded
# after each test.
compiled_bimatrix.SECONDS_BEFORE_COMPILING = float("inf")


@pytest.fixture(autouse=True)
def _general_path_unless_loaded():
    yield
    compiled_bimatrix._state["kernel"] = None
