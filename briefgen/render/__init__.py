"""Render validated briefs to HTML, PDF, Markdown and JSON."""
