"""Stage 2, extraction: fetched bytes -> ``PageContent`` (HTML in ``html``, documents in ``documents``
with ``pdf``/``office`` behind the ``archive`` guard, read in worker processes by ``docpool``).

The crawl calls it, but it owns no network: every function here is pure over the bytes it is given.
"""
