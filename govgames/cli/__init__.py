"""The ``govgames`` command line: ``solve``, ``analyze`` and ``list``.

``main(argv)`` is the entry point (``govgames`` on the PATH, or
``python -m govgames``).
"""

from govgames.cli.main import main

__all__ = ["main"]
