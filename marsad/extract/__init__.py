"""Extraction stages; `pipeline.analyse` composes them."""
