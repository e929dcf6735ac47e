"""The content stage: the article model, front-matter, field normalisers, registries, and loading content/
into a Library."""
