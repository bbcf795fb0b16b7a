"""Process-wide registries filled by decorators at import time and read-only afterwards."""

from collections import defaultdict

registry: dict[str, dict] = {
    # model -> {view name: (view class, kwargs)}
    "views": defaultdict(dict),
    # "app.name" -> job callable
    "jobs": {},
    # "app.name" of the jobs run once a day (jobs.tasks.enqueue_daily_jobs) -> True
    "daily_jobs": {},
    # "app.name" -> minzheng.indicators.registry.Indicator
    "indicators": {},
    # hooks: "record_change" (audit) and similar single callables set by core apps
    "hooks": {},
}
