"""Output formats. Each is declared through the ``editcheck_formatters`` hook, built-ins
included (see :mod:`editcheck.formats.builtin`), so a plugin can add its own."""
