"""A real Wagtail project on SQLite for this folder's tests only.

Django is configured here (``settings.configure`` from ``wagtail_testsite.settings``), not
through ``DJANGO_SETTINGS_MODULE``, so nothing leaks into the rest of the suite or into the
environment of subprocesses it starts. The database is created and migrated once per
session with Django's own test-runner helpers; each test runs in a transaction that is
rolled back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import django
import pytest
from django.conf import settings

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # wagtail_testsite, whatever pytest's import mode


def _configure() -> None:
    if settings.configured:
        return
    from wagtail_testsite import settings as site

    settings.configure(**{k: getattr(site, k) for k in dir(site) if k.isupper()})
    django.setup()


_configure()


@pytest.fixture(scope="session", autouse=True)
def _django_database() -> Iterator[None]:
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    yield
    teardown_databases(old, verbosity=0)
    teardown_test_environment()


@pytest.fixture(autouse=True)
def _rollback(_django_database: None) -> Iterator[None]:
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def editor() -> Any:
    """A Django test client logged in to the Wagtail admin as a superuser."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client
