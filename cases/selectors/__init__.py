"""Reads, each scoped to what the caller may see."""
