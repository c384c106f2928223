"""Seismic adapter (placeholder until the adapter lands)."""
