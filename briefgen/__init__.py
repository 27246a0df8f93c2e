"""Turn situation briefs in YAML into HTML, PDF, Markdown, JSON and a website."""

__version__ = "0.1.0"
