"""editcheck for Wagtail: check a page's rich text and StreamField before it is published.

Add ``"editcheck_wagtail"`` to ``INSTALLED_APPS`` and set ``EDITCHECK`` in the Django
settings (see :mod:`editcheck_wagtail.conf`). The hooks live in ``wagtail_hooks.py``.
"""

__version__ = "0.1.0"
