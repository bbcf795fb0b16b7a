from minzheng.framework.views.actions import ObjectActionView
from minzheng.framework.views.crud import register_crud
from minzheng.framework.views.generic import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from minzheng.framework.views.mixins import ObjectPermissionMixin

__all__ = [
    "ObjectActionView",
    "ObjectDeleteView",
    "ObjectEditView",
    "ObjectListView",
    "ObjectPermissionMixin",
    "ObjectView",
    "register_crud",
]
