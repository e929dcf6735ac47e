"""The commands beside build: check, new, people, and build --profile."""
