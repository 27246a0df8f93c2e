"""The machinery of a site build: inputs read incrementally, the cache, one worker pool, PDFs."""
