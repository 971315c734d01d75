"""editcheck's built-in checks, one module (or package) per family.

Each is a plugin registered through editcheck's own entry points, exactly like a
third-party plugin; nothing in the core imports them by name. Word lists and patterns
live in ``data/`` and load lazily, once per process.
"""
