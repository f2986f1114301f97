"""Marsad: reads Arabic news natively and turns it into evidence-backed event data."""

__version__ = "0.1.0"
