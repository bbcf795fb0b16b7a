from minzheng.framework.urls import get_model_urls
from minzheng.registry.models import DuplicateCandidate, Household, LifeEvent, Membership, Person

app_name = "registry"
urlpatterns = [
    *get_model_urls(Person),
    *get_model_urls(Household),
    *get_model_urls(Membership),
    *get_model_urls(LifeEvent),
    *get_model_urls(DuplicateCandidate),
]

# The person file import (registry/import_views.py).
from minzheng.registry.import_views import urlpatterns as import_urlpatterns  # noqa: E402

urlpatterns += import_urlpatterns
