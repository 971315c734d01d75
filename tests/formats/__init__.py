"""Tests of the output formats (a package, so its conftest has its own name)."""
