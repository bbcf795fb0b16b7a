"""The demo work plan: the 2014 plan imported, assigned and reported on, and this year's plan measured live."""

from minzheng.plans.choices import Binding, ItemStatus, Light, TaskStatus
from minzheng.plans.demo import create_demo_plan
from minzheng.plans.models import Item, Plan, Target, Task
from minzheng.plans.progress import target_state


def test_demo_plan_covers_every_state(db, tree, make_user):
    users = {"city_admin": make_user("city_admin", tree.city),
             "heping_approver": make_user("district_approver", tree.heping),
             "hexi_approver": make_user("district_approver", tree.hexi)}
    plan = create_demo_plan(users)
    assert plan.items.count() == 17 and Plan.objects.count() == 2
    assert not Item.objects.filter(plan=plan, units__isnull=True).exists()
    assert {target_state(target).light for target in Target.objects.all()} >= {Light.DONE, Light.YELLOW, Light.RED,
                                                                                 Light.NONE}
    live = Target.objects.filter(binding=Binding.CONFIRMED)
    assert live.count() >= 2 and all(target_state(target).source == "indicator" for target in live)
    assert not live.filter(item__plan=plan).exists()  # the 2014 suggestions wait for a person to confirm them
    assert set(Task.objects.values_list("status", flat=True)) == set(TaskStatus.values)
    assert set(Item.objects.values_list("status", flat=True)) == set(ItemStatus.values)
    assert create_demo_plan(users) is None
