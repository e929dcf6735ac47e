"""The search stage: the shard plan, the Pagefind runs over article pages, and deterministic bundles."""
