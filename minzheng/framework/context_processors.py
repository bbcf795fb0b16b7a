from django.utils.module_loading import import_string

from minzheng.framework.navigation import visible_menu


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    return {"menu": visible_menu(import_string("minzheng.navigation.MENU"), user)}
