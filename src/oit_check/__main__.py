"""``python -m oit_check`` runs the command-line interface."""

from oit_check.cli import main

main()
