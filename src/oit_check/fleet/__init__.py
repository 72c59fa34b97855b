"""The fleet: many agencies scanned in one run, kept as history, compared run to run.

Data flow: ``roster`` (the agencies file) -> ``runner`` (bounded concurrency, per-host and per-IP
limits, resumable) -> ``store`` (runs and per-agency results in the SQLite history) -> ``changes``
(what regressed or improved between two runs, following item identity across checklist years) ->
``alerts`` (per agency and per supervising office) and ``dashboard`` (one HTML file).

``model`` is the seam every part shares: an ``Agency`` row, one ``AgencyOutcome`` per agency and
run, and a ``RunSnapshot`` of a whole run. Nothing here imports the CLI or the web app.
"""
