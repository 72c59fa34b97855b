"""The metamorphic false-ok suite of issue 10: mutate a fixture site so an ok item loses its evidence,
scan the copy, and check the item is no longer ok (``test_false_ok.py``; ``benchmarks/metamorphic.py``).

``mutations`` (with ``sitefiles``, ``years`` and ``docgen``) builds the mutated copies from the fixture
files alone and never imports oit-check; ``runner`` plans the scans and runs them with oit-check.
"""
