"""Seismic adapter: waveforms, station metadata and earthquake catalogues to Arrow."""

from adapters.seismic.adapter import SeismicAdapter

__all__ = ["SeismicAdapter"]
