"""``python -m solvers``: the ``govgames`` command line."""

from __future__ import annotations

import sys

from solvers.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
