"""The import stage: raw files, exports and sites into canonical article files in content/."""
