"""Readers that turn files, directories, feeds and streams into raw article records."""

from marsad.ingest.readers import RawArticle, iter_articles, read_bytes

__all__ = ["RawArticle", "iter_articles", "read_bytes"]
