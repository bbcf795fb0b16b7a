"""Generated tests of the HTML views (house style T1). A per-model test is data only:

    class DivisionViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
        model = Division
        form_data = {...}          # or a static method receiving the tree

        @classmethod
        def create_objects(cls, tree): ...

Every view is requested by the four principals of ``ModelTestCase``. The mixins live inside
``ViewTestCases`` so that pytest does not collect them from the modules that import them.
"""

from django.conf import settings
from django.utils import translation

from minzheng.framework.export import export_cell
from minzheng.framework.registry import registry
from minzheng.framework.services import save_object
from minzheng.framework.testing.base import ModelTestCase
from minzheng.framework.testing.utils import NO_MATCH, export_rows, post_data, trim_row
from minzheng.framework.urls import model_url

__all__ = ["ViewTestCases"]


class ModelViewTestCase(ModelTestCase):
    """URL and page helpers for the HTML suites."""

    #: The data a user types into the add and edit forms.
    form_data: dict = {}

    def view_url(self, name: str, instance=None, **params) -> str:
        return model_url(instance if instance is not None else self.model, name, **params)

    def get(self, name: str, instance=None, data=None):
        return self.client.get(self.view_url(name, instance), data)

    def post(self, name: str, instance=None, data=None):
        return self.client.post(self.view_url(name, instance), data or {})

    def form_post_data(self) -> dict:
        return post_data(self.resolve("form_data"))


def _link(instance) -> str:
    return f'href="{instance.get_absolute_url()}"'


class ViewTestCases:
    """Namespace hiding the mixins from test discovery."""

    class GetObjectViewTestCase(ModelViewTestCase):
        def test_get_object_anonymous(self):
            self.assertRedirectsToLogin(self.get("", self.objects_inside[0]))

        def test_get_object_without_permission(self):
            self.login_without_permission("view")
            self.assertHttpStatus(self.get("", self.objects_inside[0]), 403)

        def test_get_object_with_permission(self):
            self.login(self.user)
            response = self.get("", self.objects_inside[0])
            self.assertHttpStatus(response, 200)
            self.assertEqual(response.context["object"], self.objects_inside[0])

        def test_get_object_masks_sensitive_fields(self):
            instance = self.objects_inside[0]
            self.login(self.user)
            page = self.get("", instance).content.decode()
            for value in self.sensitive_values(instance):
                self.assertNotIn(value, page)

        def test_get_object_other_district(self):
            self.login(self.other_user)
            self.assertHttpStatus(self.get("", self.objects_inside[0]), self.other_district_status)
            if self.is_area_scoped():
                self.assertHttpStatus(self.get("", self.object_outside), 200)

    class GetObjectChangelogViewTestCase(ModelViewTestCase):
        def test_get_object_changelog_anonymous(self):
            self.assertRedirectsToLogin(self.get("changelog", self.objects_inside[0]))

        def test_get_object_changelog_without_permission(self):
            self.login_without_permission("view")
            self.assertHttpStatus(self.get("changelog", self.objects_inside[0]), 403)

        def test_get_object_changelog_with_permission(self):
            instance = self.objects_inside[0]
            with self.assertChangeLogged("update") as logged:
                save_object(instance, actor=self.user)
            self.login(self.user)
            response = self.get("changelog", instance)
            self.assertHttpStatus(response, 200)
            self.assertEqual([change.pk for change in response.context["changes"]], [logged[0].pk])

        def test_get_object_changelog_other_district(self):
            self.login(self.other_user)
            self.assertHttpStatus(self.get("changelog", self.objects_inside[0]), self.other_district_status)

    class CreateObjectViewTestCase(ModelViewTestCase):
        def test_create_object_anonymous(self):
            with self.assertNothingWritten():
                self.assertRedirectsToLogin(self.post("add", data=self.form_post_data()))

        def test_create_object_without_permission(self):
            self.login_without_permission("add")
            self.assertHttpStatus(self.get("add"), 403)
            with self.assertNothingWritten():
                self.assertHttpStatus(self.post("add", data=self.form_post_data()), 403)

        def test_create_object_with_permission(self):
            self.login(self.user)
            self.assertHttpStatus(self.get("add"), 200)
            with self.assertChangeLogged("create") as logged:
                response = self.post("add", data=self.form_post_data())
                self.assertHttpStatus(response, 302)
            instance = self.model._base_manager.get(pk=logged[0].object_id)
            self.assertEqual(response.url, instance.get_absolute_url())
            self.assertInstanceEqual(instance, self.resolve("form_data"))

        def test_create_object_other_district(self):
            """The form places the new object in the user's district: refused for the other district."""
            self.login(self.other_user)
            with self.assertNothingWritten():
                response = self.post("add", data=self.form_post_data())
            if self.is_area_scoped():
                # Either the form refuses the hidden choice or the post-write re-check rolls back.
                self.assertHttpStatus(response, (200, 404))
                if response.status_code == 200:
                    self.assertTrue(response.context["form"].errors)
            else:
                self.assertHttpStatus(response, 403)

    class EditObjectViewTestCase(ModelViewTestCase):
        def test_edit_object_anonymous(self):
            instance = self.objects_inside[0]
            with self.assertNothingWritten(instance):
                self.assertRedirectsToLogin(self.post("edit", instance, self.form_post_data()))

        def test_edit_object_without_permission(self):
            instance = self.objects_inside[0]
            self.login_without_permission("change")
            self.assertHttpStatus(self.get("edit", instance), 403)
            with self.assertNothingWritten(instance):
                self.assertHttpStatus(self.post("edit", instance, self.form_post_data()), 403)

        def test_edit_object_with_permission(self):
            instance = self.objects_inside[0]
            self.login(self.user)
            self.assertHttpStatus(self.get("edit", instance), 200)
            with self.assertChangeLogged("update") as logged:
                self.assertHttpStatus(self.post("edit", instance, self.form_post_data()), 302)
            self.assertEqual(logged[0].object_id, str(instance.pk))
            self.assertInstanceEqual(instance, self.resolve("form_data"))

        def test_edit_object_other_district(self):
            instance = self.objects_inside[0]
            self.login(self.other_user)
            self.assertHttpStatus(self.get("edit", instance), self.other_district_status)
            with self.assertNothingWritten(instance):
                self.assertHttpStatus(self.post("edit", instance, self.form_post_data()), self.other_district_status)

    class DeleteObjectViewTestCase(ModelViewTestCase):
        def test_delete_object_anonymous(self):
            instance = self.objects_inside[0]
            with self.assertNothingWritten(instance):
                self.assertRedirectsToLogin(self.post("delete", instance))

        def test_delete_object_without_permission(self):
            instance = self.objects_inside[0]
            self.login_without_permission("delete")
            self.assertHttpStatus(self.get("delete", instance), 403)
            with self.assertNothingWritten(instance):
                self.assertHttpStatus(self.post("delete", instance), 403)

        def test_delete_object_with_permission(self):
            instance = self.objects_inside[0]
            self.login(self.user)
            self.assertHttpStatus(self.get("delete", instance), 200)
            with self.assertChangeLogged("delete") as logged:
                response = self.post("delete", instance)
                self.assertHttpStatus(response, 302)
            self.assertEqual(response.url, self.view_url("list"))
            self.assertEqual(logged[0].object_id, str(instance.pk))
            self.assertFalse(self.model._base_manager.filter(pk=instance.pk).exists())

        def test_delete_object_other_district(self):
            instance = self.objects_inside[0]
            self.login(self.other_user)
            self.assertHttpStatus(self.get("delete", instance), self.other_district_status)
            with self.assertNothingWritten(instance):
                self.assertHttpStatus(self.post("delete", instance), self.other_district_status)

    class ListObjectsViewTestCase(ModelViewTestCase):
        """The list page with its ``q`` search, ``area`` filter, sorting, and CSV/XLSX export."""

        #: The table column sorted by the sort test (default: the first); the two inside objects must differ in it.
        sort_column: str | None = None
        #: Query parameters of every list and export request: a criterion matching every test object, for a
        #: ``search_first`` list that shows nothing without one.
        list_params: dict = {}

        def list_page(self, **params) -> str:
            response = self.client.get(self.view_url("list"), {**self.list_params, **params})
            self.assertHttpStatus(response, 200)
            return response.content.decode()

        def assertListed(self, page: str, listed=(), hidden=()):
            for instance in listed:
                self.assertIn(_link(instance), page, f"{instance!r} is missing from the list")
            for instance in hidden:
                self.assertNotIn(_link(instance), page, f"{instance!r} must not be listed")

        def matches(self, instance, term: str) -> bool:
            for field in self.search_paths():
                value = instance
                for part in field.split("__"):
                    value = getattr(value, part, None)
                if value is not None and term.lower() in str(value).lower():
                    return True
            return False

        def test_list_objects_anonymous(self):
            self.assertRedirectsToLogin(self.client.get(self.view_url("list")))

        def test_list_objects_without_permission(self):
            self.login_without_permission("view")
            self.assertHttpStatus(self.client.get(self.view_url("list")), 403)

        def test_list_objects_with_permission(self):
            self.login(self.user)
            page = self.list_page()
            self.assertRegex(page, r'href="\?([^"?]*&amp;)?export=csv"')  # a working query string, not "??"
            if self.is_area_scoped():
                self.assertListed(page, listed=self.objects_inside, hidden=[self.object_outside])
            else:
                self.assertListed(page, listed=[*self.objects_inside, self.object_outside])

        def test_list_objects_other_district(self):
            self.login(self.other_user)
            if not self.is_area_scoped():
                self.assertHttpStatus(self.client.get(self.view_url("list")), 403)
                return
            self.assertListed(self.list_page(), listed=[self.object_outside], hidden=self.objects_inside)

        def test_list_objects_filter_q(self):
            self.login(self.user)
            term = self.search_term()
            everything = [*self.objects_inside, self.object_outside]
            visible = everything if not self.is_area_scoped() else self.objects_inside
            self.assertListed(
                self.list_page(q=term),
                listed=[o for o in visible if self.matches(o, term)],
                hidden=[o for o in everything if o not in visible or not self.matches(o, term)],
            )
            self.assertListed(self.list_page(q=NO_MATCH), hidden=everything)

        def test_list_objects_filter_q_other_district(self):
            self.login(self.other_user)
            term = self.search_term()
            if not self.is_area_scoped():
                # City-wide data: the other principal holds no permission, and a search reveals nothing.
                self.assertHttpStatus(self.get("list", data={"q": term}), 403)
                return
            self.assertListed(self.list_page(q=term), hidden=self.objects_inside)

        def test_list_objects_filter_area(self):
            self.login(self.user)
            if not self.is_area_scoped():
                # No area filter is offered for city-wide data; the parameter is ignored.
                everything = [*self.objects_inside, self.object_outside]
                self.assertListed(self.list_page(area=getattr(self.tree, self.other_division).code), listed=everything)
                return
            own_code = getattr(self.tree, self.user_division).code
            other_code = getattr(self.tree, self.other_division).code
            self.assertListed(self.list_page(area=own_code), listed=self.objects_inside, hidden=[self.object_outside])
            self.assertListed(self.list_page(area=other_code), hidden=[*self.objects_inside, self.object_outside])

        def test_list_objects_search_first(self):
            """A ``search_first`` list (people) shows, counts and exports no row until a criterion is given."""
            if not registry["views"][self.model]["list"]["view"].search_first:
                return
            self.login(self.user)
            response = self.client.get(self.view_url("list"))
            self.assertHttpStatus(response, 200)
            self.assertTrue(response.context["search_prompt"])
            self.assertListed(response.content.decode(), hidden=[*self.objects_inside, self.object_outside])
            for fmt in ("csv", "xlsx"):
                response = self.client.get(self.view_url("list"), {"export": fmt})
                self.assertEqual(export_rows(response)[1:], [], f"{fmt} export before any search")
            self.assertListed(self.list_page(), listed=self.objects_inside)

        def test_list_objects_mask_sensitive_fields(self):
            """Sensitive fields are masked on the page and in exports, also for a user who may reveal them."""
            raw = [value for instance in self.objects_inside for value in self.sensitive_values(instance)]
            if not raw:
                return
            self.login(self.user)
            shown = [self.list_page(), *(repr(self.export(fmt)) for fmt in ("csv", "xlsx"))]
            for value in raw:
                for text in shown:
                    self.assertNotIn(value, text)

        def test_list_objects_sort(self):
            self.login(self.user)
            column = self.sort_column or self._table().columns[0].name
            first, second = self.objects_inside[:2]
            orders = []
            for sort in (column, f"-{column}"):
                page = self.list_page(sort=sort)
                self.assertListed(page, listed=[first, second])
                orders.append(page.index(_link(first)) < page.index(_link(second)))
            self.assertNotEqual(orders[0], orders[1], f"sorting by {column} and -{column} gave the same order")

        # Export

        def _table(self, queryset=None):
            view = registry["views"][self.model]["list"]["view"]
            return view.table(queryset if queryset is not None else view.queryset, user=self.user)

        def export_row(self, instance) -> list[str]:
            """The row ``instance`` gets in an export, rendered by the list view's own table."""
            view = registry["views"][self.model]["list"]["view"]
            with translation.override(settings.LANGUAGE_CODE):
                rows = list(self._table(view.queryset.filter(pk=instance.pk)).export_rows())
            return trim_row(export_cell(value) for value in rows[1])

        def export_header(self) -> list[str]:
            with translation.override(settings.LANGUAGE_CODE):
                header = next(self._table(self.model._base_manager.none()).export_rows())
            return trim_row(export_cell(value) for value in header)

        def export(self, fmt: str, **params) -> list[list[str]]:
            response = self.client.get(self.view_url("list"), {**self.list_params, "export": fmt, **params})
            self.assertHttpStatus(response, 200)
            self.assertIn(f".{fmt}", response["Content-Disposition"])
            return export_rows(response)

        def assertExported(self, rows, listed=(), hidden=()):
            for instance in listed:
                self.assertIn(self.export_row(instance), rows, f"{instance!r} is missing from the export")
            for instance in hidden:
                self.assertNotIn(self.export_row(instance), rows, f"{instance!r} must not be exported")

        def test_export_objects_anonymous(self):
            for fmt in ("csv", "xlsx"):
                self.assertRedirectsToLogin(self.client.get(self.view_url("list"), {"export": fmt}))

        def test_export_objects_without_permission(self):
            self.login_without_permission("view")
            for fmt in ("csv", "xlsx"):
                self.assertHttpStatus(self.client.get(self.view_url("list"), {"export": fmt}), 403)

        def test_export_objects_with_permission(self):
            self.login(self.user)
            hidden = [self.object_outside] if self.is_area_scoped() else []
            listed = self.objects_inside if hidden else [*self.objects_inside, self.object_outside]
            for fmt in ("csv", "xlsx"):
                rows = self.export(fmt)
                self.assertEqual(rows[0], self.export_header())
                self.assertExported(rows, listed=listed, hidden=hidden)
                self.assertExported(self.export(fmt, q=NO_MATCH), hidden=[*listed, *hidden])

        def test_export_objects_other_district(self):
            self.login(self.other_user)
            for fmt in ("csv", "xlsx"):
                if not self.is_area_scoped():
                    self.assertHttpStatus(self.client.get(self.view_url("list"), {"export": fmt}), 403)
                    continue
                self.assertExported(self.export(fmt), listed=[self.object_outside], hidden=self.objects_inside)

    # Bundles

    class ReadOnlyObjectViewTestCase(GetObjectViewTestCase, ListObjectsViewTestCase):
        """List and detail pages of a model nobody edits through the UI (audit rows, jobs)."""

        def test_no_write_views(self):
            self.assertEqual(set(registry["views"][self.model]) & {"add", "edit", "delete"}, set())

    class ServiceObjectViewTestCase(
        GetObjectViewTestCase,
        GetObjectChangelogViewTestCase,
        EditObjectViewTestCase,
        ListObjectsViewTestCase,
    ):
        """Records created and ended by services, corrected through the UI: list, detail, changelog, edit."""

        def test_no_add_or_delete_views(self):
            self.assertEqual(set(registry["views"][self.model]) & {"add", "delete"}, set())

    class PrimaryObjectViewTestCase(
        GetObjectViewTestCase,
        GetObjectChangelogViewTestCase,
        CreateObjectViewTestCase,
        EditObjectViewTestCase,
        DeleteObjectViewTestCase,
        ListObjectsViewTestCase,
    ):
        """Every page of a tracked model: list, detail, add, edit, delete, changelog and export."""
