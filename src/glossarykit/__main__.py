"""``python -m glossarykit`` runs the command line."""

from glossarykit.cli import main

main()
