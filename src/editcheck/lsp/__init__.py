"""``editcheck lsp``: a Language Server that shows editcheck's findings as you type.

The room's parts, each with one job: :mod:`~editcheck.lsp.positions` (offsets in the
draft to LSP line/character in the negotiated encoding), :mod:`~editcheck.lsp.engine`
(one draft's text to a report, through the same document building as ``editcheck check``),
:mod:`~editcheck.lsp.diagnostics` (a report to diagnostics and code actions) and
:mod:`~editcheck.lsp.server` (the pygls server: scheduling, time limits, publishing).
"""
