"""Tests of the HTTP service and the review page (a package, so its conftest has its own name)."""
