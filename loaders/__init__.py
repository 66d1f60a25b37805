"""Conflict Timeline loaders: files -> articles -> dated mentions -> events -> store."""
