"""Generated tests of the REST API (house style T1). A per-model test is data only:

    class DivisionAPITestCase(APIViewTestCases.APIViewTestCase):
        model = Division
        api_create_data = {...}    # or a static method receiving the tree
        api_update_data = {...}    # a partial update; PUT sends create data updated with it

        @classmethod
        def create_objects(cls, tree): ...

Routes are found by name: ``<app_label>-api:<model_name>-list`` and ``-detail``.
"""

from django.urls import reverse
from rest_framework.test import APIClient

from minzheng.framework.testing.base import ModelTestCase
from minzheng.framework.testing.utils import NO_MATCH, api_data

__all__ = ["APIViewTestCases"]

UNAUTHENTICATED = (401, 403)


class ModelAPITestCase(ModelTestCase):
    """URL and request helpers for the API suites."""

    client_class = APIClient
    api_create_data: dict = {}
    api_update_data: dict = {}

    def api_url(self, instance=None) -> str:
        opts = self.model._meta
        if instance is None:
            return reverse(f"{opts.app_label}-api:{opts.model_name}-list")
        return reverse(f"{opts.app_label}-api:{opts.model_name}-detail", kwargs={"pk": instance.pk})

    def create_data(self) -> dict:
        return api_data(self.resolve("api_create_data"))

    def update_data(self) -> dict:
        return api_data(self.resolve("api_update_data"))

    def list_ids(self, **params) -> tuple[set, dict]:
        response = self.client.get(self.api_url(), params)
        self.assertHttpStatus(response, 200)
        body = response.json()
        self.assertEqual(body["count"], len(body["results"]), "the test data fits on one page")
        return {row["id"] for row in body["results"]}, body


def _ids(instances) -> set:
    return {instance.pk for instance in instances}


class APIViewTestCases:
    """Namespace hiding the mixins from test discovery."""

    class GetObjectViewTestCase(ModelAPITestCase):
        def test_get_object_anonymous(self):
            self.assertAPIError(self.client.get(self.api_url(self.objects_inside[0])), UNAUTHENTICATED,
                                "not_authenticated")

        def test_get_object_without_permission(self):
            self.login_without_permission("view")
            self.assertAPIError(self.client.get(self.api_url(self.objects_inside[0])), 403, "permission_denied")

        def test_get_object_with_permission(self):
            self.login(self.user)
            response = self.client.get(self.api_url(self.objects_inside[0]))
            self.assertHttpStatus(response, 200)
            self.assertEqual(response.json()["id"], self.objects_inside[0].pk)

        def test_get_object_masks_sensitive_fields(self):
            """Sensitive fields (``framework.privacy``) are masked in the list and the detail without ``?reveal``."""
            instance = self.objects_inside[0]
            self.login(self.user)
            for response in (self.client.get(self.api_url(instance)), self.client.get(self.api_url())):
                self.assertHttpStatus(response, 200)
                for value in self.sensitive_values(instance):
                    self.assertNotIn(value, response.content.decode())

        def test_get_object_other_district(self):
            self.login(self.other_user)
            response = self.client.get(self.api_url(self.objects_inside[0]))
            if self.is_area_scoped():
                self.assertAPIError(response, 404, "not_found")
                self.assertHttpStatus(self.client.get(self.api_url(self.object_outside)), 200)
            else:
                self.assertAPIError(response, 403, "permission_denied")

    class ListObjectsViewTestCase(ModelAPITestCase):
        def test_list_objects_anonymous(self):
            self.assertAPIError(self.client.get(self.api_url()), UNAUTHENTICATED, "not_authenticated")

        def test_list_objects_without_permission(self):
            self.login_without_permission("view")
            self.assertAPIError(self.client.get(self.api_url()), 403, "permission_denied")

        def test_list_objects_with_permission(self):
            self.login(self.user)
            ids, body = self.list_ids()
            self.assertLessEqual(_ids(self.objects_inside), ids)
            if self.is_area_scoped():
                self.assertNotIn(self.object_outside.pk, ids)
            else:
                self.assertIn(self.object_outside.pk, ids)
            self.assertEqual(body["count"], self.model.objects.restrict(self.user, "view").count())

        def test_list_objects_other_district(self):
            self.login(self.other_user)
            if not self.is_area_scoped():
                self.assertAPIError(self.client.get(self.api_url()), 403, "permission_denied")
                return
            ids, _body = self.list_ids()
            self.assertIn(self.object_outside.pk, ids)
            self.assertEqual(ids & _ids(self.objects_inside), set())

        def test_list_objects_filter_q(self):
            self.login(self.user)
            term = self.search_term()
            ids, _body = self.list_ids(q=str(term))
            self.assertIn(self.objects_inside[0].pk, ids)
            self.assertEqual(self.list_ids(q=NO_MATCH)[0], set())
            if self.is_area_scoped():
                self.login(self.other_user)
                self.assertEqual(self.list_ids(q=str(term))[0] & _ids(self.objects_inside), set())

        def test_list_objects_filter_area(self):
            self.login(self.user)
            if not self.is_area_scoped():
                # City-wide data offers no area filter; the parameter is ignored.
                ids, _body = self.list_ids(area=getattr(self.tree, self.other_division).code)
                self.assertEqual(ids, _ids([*self.objects_inside, self.object_outside]))
                return
            ids, _body = self.list_ids(area=getattr(self.tree, self.user_division).code)
            self.assertLessEqual(_ids(self.objects_inside), ids)
            ids, body = self.list_ids(area=getattr(self.tree, self.other_division).code)
            self.assertEqual((ids, body["count"]), (set(), 0))

    class CreateObjectViewTestCase(ModelAPITestCase):
        def test_create_object_anonymous(self):
            with self.assertNothingWritten():
                response = self.client.post(self.api_url(), self.create_data(), format="json")
            self.assertAPIError(response, UNAUTHENTICATED, "not_authenticated")

        def test_create_object_without_permission(self):
            self.login_without_permission("add")
            with self.assertNothingWritten():
                response = self.client.post(self.api_url(), self.create_data(), format="json")
            self.assertAPIError(response, 403, "permission_denied")

        def test_create_object_with_permission(self):
            self.login(self.user)
            with self.assertChangeLogged("create") as logged:
                response = self.client.post(self.api_url(), self.create_data(), format="json")
                self.assertHttpStatus(response, 201)
            created = self.model._base_manager.get(pk=response.json()["id"])
            self.assertEqual(logged[0].object_id, str(created.pk))
            self.assertInstanceEqual(created, self.resolve("api_create_data"))

        def test_create_object_other_district(self):
            """The data places the object in the user's district: refused for the other district."""
            self.login(self.other_user)
            with self.assertNothingWritten():
                response = self.client.post(self.api_url(), self.create_data(), format="json")
            if self.is_area_scoped():
                self.assertAPIError(response, (400, 404), response.json().get("code"))
                self.assertIn(response.json()["code"], ("validation_error", "not_found"))
            else:
                self.assertAPIError(response, 403, "permission_denied")

    class UpdateObjectViewTestCase(ModelAPITestCase):
        def put_data(self) -> dict:
            return {**self.create_data(), **self.update_data()}

        def test_update_object_anonymous(self):
            instance = self.objects_inside[0]
            with self.assertNothingWritten(instance):
                put = self.client.put(self.api_url(instance), self.put_data(), format="json")
                patch = self.client.patch(self.api_url(instance), self.update_data(), format="json")
            self.assertAPIError(put, UNAUTHENTICATED, "not_authenticated")
            self.assertAPIError(patch, UNAUTHENTICATED, "not_authenticated")

        def test_update_object_without_permission(self):
            instance = self.objects_inside[0]
            self.login_without_permission("change")
            with self.assertNothingWritten(instance):
                put = self.client.put(self.api_url(instance), self.put_data(), format="json")
                patch = self.client.patch(self.api_url(instance), self.update_data(), format="json")
            self.assertAPIError(put, 403, "permission_denied")
            self.assertAPIError(patch, 403, "permission_denied")

        def test_update_object_with_permission(self):
            instance = self.objects_inside[0]
            self.login(self.user)
            with self.assertChangeLogged("update") as logged:
                self.assertHttpStatus(self.client.put(self.api_url(instance), self.put_data(), format="json"), 200)
            self.assertEqual(logged[0].object_id, str(instance.pk))
            self.assertInstanceEqual(instance, {**self.resolve("api_create_data"), **self.resolve("api_update_data")})

        def test_partial_update_object_with_permission(self):
            instance = self.objects_inside[1]
            self.login(self.user)
            with self.assertChangeLogged("update") as logged:
                response = self.client.patch(self.api_url(instance), self.update_data(), format="json")
                self.assertHttpStatus(response, 200)
            self.assertEqual(logged[0].object_id, str(instance.pk))
            self.assertEqual(response.json()["id"], instance.pk)
            self.assertInstanceEqual(instance, self.resolve("api_update_data"))

        def test_update_object_other_district(self):
            instance = self.objects_inside[0]
            self.login(self.other_user)
            with self.assertNothingWritten(instance):
                put = self.client.put(self.api_url(instance), self.put_data(), format="json")
                patch = self.client.patch(self.api_url(instance), self.update_data(), format="json")
            for response in (put, patch):
                if self.is_area_scoped():
                    self.assertAPIError(response, 404, "not_found")
                else:
                    self.assertAPIError(response, 403, "permission_denied")

    class DeleteObjectViewTestCase(ModelAPITestCase):
        def test_delete_object_anonymous(self):
            instance = self.objects_inside[0]
            with self.assertNothingWritten(instance):
                response = self.client.delete(self.api_url(instance))
            self.assertAPIError(response, UNAUTHENTICATED, "not_authenticated")

        def test_delete_object_without_permission(self):
            instance = self.objects_inside[0]
            self.login_without_permission("delete")
            with self.assertNothingWritten(instance):
                response = self.client.delete(self.api_url(instance))
            self.assertAPIError(response, 403, "permission_denied")

        def test_delete_object_with_permission(self):
            instance = self.objects_inside[0]
            self.login(self.user)
            with self.assertChangeLogged("delete") as logged:
                self.assertHttpStatus(self.client.delete(self.api_url(instance)), 204)
            self.assertEqual(logged[0].object_id, str(instance.pk))
            self.assertFalse(self.model._base_manager.filter(pk=instance.pk).exists())

        def test_delete_object_other_district(self):
            instance = self.objects_inside[0]
            self.login(self.other_user)
            with self.assertNothingWritten(instance):
                response = self.client.delete(self.api_url(instance))
            if self.is_area_scoped():
                self.assertAPIError(response, 404, "not_found")
            else:
                self.assertAPIError(response, 403, "permission_denied")

    # Bundles

    class ReadOnlyAPIViewTestCase(GetObjectViewTestCase, ListObjectsViewTestCase):
        """List and retrieve; every write method is refused and writes nothing."""

        def test_write_methods_refused(self):
            instance = self.objects_inside[0]
            self.login(self.user)
            with self.assertNothingWritten(instance):
                responses = [
                    self.client.post(self.api_url(), {}, format="json"),
                    self.client.put(self.api_url(instance), {}, format="json"),
                    self.client.patch(self.api_url(instance), {}, format="json"),
                    self.client.delete(self.api_url(instance)),
                ]
            for response in responses:
                self.assertAPIError(response, (403, 405), response.json().get("code"))
                self.assertIn(response.json()["code"], ("permission_denied", "method_not_allowed"))

    class APIViewTestCase(
        GetObjectViewTestCase,
        ListObjectsViewTestCase,
        CreateObjectViewTestCase,
        UpdateObjectViewTestCase,
        DeleteObjectViewTestCase,
    ):
        """The full endpoint: list, retrieve, create, update, partial update and delete."""
