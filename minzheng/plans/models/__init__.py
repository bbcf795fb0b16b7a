"""Work-plan models: the bureau's units, and an imported plan as Plan → Chapter → Item → Task → Target, with
progress reports."""

from minzheng.plans.models.plans import Chapter, Item, Plan, Task, Unit
from minzheng.plans.models.targets import ProgressReport, Target

__all__ = ["Chapter", "Item", "Plan", "ProgressReport", "Target", "Task", "Unit"]
