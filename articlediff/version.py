"""The library's version, read by the signature of every result and by the build (pyproject.toml)."""

__version__ = "0.1.0"
