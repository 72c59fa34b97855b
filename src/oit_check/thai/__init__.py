"""Shared Thai tools: text normalisation and match keys (``text``), the Thai date engine (``dates``)
and fiscal-year arithmetic (``fiscal``). Imports nothing from the scan stages, so every stage and
the perception analysis can use it."""
