"""The render stage: the Jinja environment, Markdown, and rendering pages on every core."""
