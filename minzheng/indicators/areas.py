"""The top of a user's area: where a report starts when the user has not chosen a division."""

from minzheng.divisions.models import Division

__all__ = ["area_roots"]


def area_roots(user, perm: str) -> list[Division]:
    """The outermost divisions where ``user`` holds ``perm`` (the top-level units for a superuser), by path."""
    if user.is_superuser:
        return list(Division.objects.filter(parent__isnull=True, valid_to__isnull=True).order_by("path"))
    return list(Division.objects.filter(path__in=user.area_paths(perm)).order_by("path"))
