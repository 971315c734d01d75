"""The HTTP service (``editcheck serve``) and the review page.

A CMS's pre-publish hook posts a draft to ``/v1/check`` and gets the same report the CLI
and the Python API give, with positions it can highlight in its editor. Importing this
package is cheap (the HTML formatter reads the review page's files from it); Starlette is
imported only by :mod:`editcheck.service.app`, which needs the ``serve`` extra.
"""
