"""sitegen serve: the preview server, watching and rebuilding, live reload, the recommended CSP."""
