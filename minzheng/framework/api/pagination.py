from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """Limit/offset pages of at most 1000 rows."""

    default_limit = 50
    max_limit = 1000
