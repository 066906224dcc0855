"""``python -m govgames``: the ``govgames`` command line."""

from __future__ import annotations

import sys

from govgames.cli.main import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
