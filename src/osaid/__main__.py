"""Allow ``python -m osaid``."""

from osaid.cli import main

main()
