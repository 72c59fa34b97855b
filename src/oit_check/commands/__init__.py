"""Command-line sub-commands, one module each; every module exposes ``register(app)``.

Only this package and ``cli.py`` import typer/rich: stage modules never print.
"""
