"""What a rebuild may skip: the previous build's state in, the next build's state out."""
