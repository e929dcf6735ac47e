"""The output stage: writing only what changed into a staging folder, swapping it in whole, one build at a time."""
