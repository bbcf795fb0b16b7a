"""The base TestCase of the generated suites: the division tree, the seeded roles and the principals.

A per-model test sets data only (house style T2):

    model             the model under test
    create_objects    classmethod(tree) returning three saved objects: two inside ``user_division``,
                      the last inside ``other_division``
    user_role         the role of the permitted user (default ``city_admin``)
    user_division     the attribute of ``tree`` where that user holds it (default ``heping``, 和平区)
    other_division    the other district (default ``hexi``, 河西区)
    search_field      the field path whose value the ``q`` tests type (default: the model's first
                      ``search_fields``), for a list whose search box is not a plain field search

Each suite then exercises four principals: anonymous, a user of ``user_division`` whose role
lacks the permission, the permitted user, and ``other_user``, who holds the same role in the
other district. For a model that is not area-scoped (``area_lookup = None``) the other-district
case becomes "no permission": ``other_user`` holds a role without the model's permissions there.
"""

import inspect
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import TestCase
from django.urls import reverse

from minzheng.accounts.services import seed_roles
from minzheng.framework.privacy import sensitive_fields
from minzheng.framework.serialization import serialize_instance
from minzheng.framework.testing.utils import (
    api_data,
    build_tree,
    create_user,
    last_change_seq,
    new_changes,
    role_without,
    row_state,
)

__all__ = ["ModelTestCase"]


class ModelTestCase(TestCase):
    """Principals, data resolution and precise assertions; the suites in ``views`` and ``api`` build on it."""

    model: type[models.Model] | None = None
    user_role = "city_admin"
    user_division = "heping"
    other_division = "hexi"
    search_field: str | None = None

    @classmethod
    def setUpTestData(cls):
        seed_roles()
        cls.tree = build_tree()
        cls.user = create_user(cls.user_role, getattr(cls.tree, cls.user_division), username="permitted")
        other_role = cls.user_role if cls.is_area_scoped() else role_without(cls.model, "view")
        cls.other_user = create_user(other_role, getattr(cls.tree, cls.other_division), username="other-district")
        *inside, outside = cls.create_objects(cls.tree)
        cls.objects_inside, cls.object_outside = list(inside), outside

    @classmethod
    def create_objects(cls, tree) -> list[models.Model]:
        raise NotImplementedError(f"{cls.__name__} must define create_objects(tree)")

    @classmethod
    def is_area_scoped(cls) -> bool:
        return cls.model.area_path_field() is not None

    # Principals

    def login(self, user):
        """Log ``user`` in on this test's client (``None`` logs out: the anonymous principal)."""
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return user

    def login_with_role(self, role_code: str | None, division=None, *, username: str = "someone"):
        """Create a user holding ``role_code`` within ``division`` (default: the user's division) and log in."""
        division = division if division is not None else getattr(self.tree, self.user_division)
        return self.login(create_user(role_code, division, username=username))

    def login_without_permission(self, action: str):
        """Log in a user of the permitted user's division whose role lacks ``action`` on the model."""
        return self.login_with_role(role_without(self.model, action), username=f"no-{action}")

    @property
    def other_district_status(self) -> int:
        """What the other district gets for an object of the user's district: it does not exist for them."""
        return 404 if self.is_area_scoped() else 403

    # Data

    def search_paths(self) -> tuple[str, ...]:
        """The field paths the ``q`` search is expected to match."""
        return (self.search_field,) if self.search_field else tuple(self.model.search_fields)

    def search_term(self) -> str:
        """The value of the first search path of the first inside object."""
        value = self.objects_inside[0]
        for part in self.search_paths()[0].split("__"):
            value = getattr(value, part)
        return str(value)

    def sensitive_values(self, instance) -> list[str]:
        """The stored values of ``instance``'s sensitive fields (``framework.privacy``) that no page may show."""
        return [str(value) for name in sensitive_fields(instance) if (value := getattr(instance, name, None))]

    def resolve(self, name: str):
        """A data attribute: a dict, or a function (plain or static) receiving the tree."""
        raw = inspect.getattr_static(type(self), name)
        if isinstance(raw, staticmethod | classmethod):
            return getattr(self, name)(self.tree)
        if callable(raw):
            return raw(self.tree)
        return raw

    # Assertions

    def assertHttpStatus(self, response, expected):
        expected = expected if isinstance(expected, tuple | list) else (expected,)
        if response.status_code not in expected:
            body = b"" if getattr(response, "streaming", False) else response.content[:2000]
            self.fail(f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']} answered "
                      f"{response.status_code}, expected {expected}: {body.decode(errors='replace')}")

    def assertRedirectsToLogin(self, response):
        self.assertHttpStatus(response, 302)
        self.assertTrue(response.url.startswith(reverse(settings.LOGIN_URL)), response.url)

    def assertAPIError(self, response, status, code: str):
        """A JSON error body ``{"code", "message", "errors"}`` with a stable code and a non-empty message."""
        self.assertHttpStatus(response, status)
        body = response.json()
        self.assertEqual(set(body), {"code", "message", "errors"}, body)
        self.assertEqual(body["code"], code, body)
        self.assertIsInstance(body["message"], str)
        self.assertTrue(body["message"].strip(), body)
        self.assertIsInstance(body["errors"], dict)
        return body

    def assertInstanceEqual(self, instance, data: dict):
        """The stored ``instance`` holds ``data`` (objects compared by id, many-to-many as sets)."""
        instance = type(instance)._base_manager.get(pk=instance.pk)
        stored, expected = serialize_instance(instance), api_data(data)
        for name, value in expected.items():
            field = instance._meta.get_field(name)
            if field.many_to_many:
                self.assertEqual(set(stored[name]), set(value), name)
            else:
                self.assertEqual(stored[field.attname], value, name)

    @contextmanager
    def assertChangeLogged(self, action: str):
        """Exactly one new change-log row, of ``action``, for this model; yields a list that receives it."""
        since, logged = last_change_seq(), []
        yield logged
        changes = new_changes(since)
        self.assertEqual([(c.action, c.content_type_id) for c in changes],
                         [(action, ContentType.objects.get_for_model(self.model).pk)],
                         f"expected one {action} change, got {[str(c) for c in changes]}")
        logged.extend(changes)

    @contextmanager
    def assertNothingWritten(self, *instances):
        """No row of the model added or removed, ``instances`` unchanged and no change-log row written."""
        since, count = last_change_seq(), self.model._base_manager.count()
        states = [row_state(instance) for instance in instances]
        yield
        self.assertEqual([str(c) for c in new_changes(since)], [], "a refused write left a change-log row")
        self.assertEqual(self.model._base_manager.count(), count, "a refused write changed the number of rows")
        for instance, state in zip(instances, states, strict=True):
            self.assertEqual(row_state(instance), state, f"a refused write changed {instance!r}")
