"""``python -m editcheck``: the same as the ``editcheck`` command."""

from editcheck.cli import main

main()
