"""Turn situation briefs in YAML into HTML, PDF, Markdown, JSON and a website."""
