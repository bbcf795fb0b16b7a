"""Job pages and the job API (read-only): generated suites, data only.

The API suite lives here too: ``jobs/tests/test_api.py`` belongs to another change.
"""

from minzheng.framework.testing.api import APIViewTestCases
from minzheng.framework.testing.views import ViewTestCases
from minzheng.jobs.models import Job


def jobs(tree):
    return [
        Job.objects.create(name="测试任务甲", division=tree.hp_street),
        Job.objects.create(name="测试任务乙", division=tree.hp_community),
        Job.objects.create(name="测试任务丙", division=tree.hx_street),
    ]


class JobViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Job
    sort_column = "id"

    @classmethod
    def create_objects(cls, tree):
        return jobs(tree)


class JobAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Job

    @classmethod
    def create_objects(cls, tree):
        return jobs(tree)
