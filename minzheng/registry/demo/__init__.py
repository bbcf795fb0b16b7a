"""Synthetic residents and households for the demo and the benchmarks (``minzheng demo --persons N``).

Households are drawn one after another from a seeded random stream, so the first households of
a seed are the same whatever ``N`` is: a second run with the same seed adds nothing, and a
larger ``N`` adds only the households after the ones already stored. Each household gets:

* a head whose age follows the 户籍 age structure of 天津 around 2014 (``data/demo_people.json``:
  more people aged 25–60, about 15 % over 60), and a composition fitting that age (singles,
  couples, couples with children, three generations), 1–6 people, about 2.8 on average;
* members with relations consistent with their ages (a child is 22–34 years younger than the
  head, a grandchild as much younger than the child), surnames passed from father to child,
  given names typical of their birth decade, ethnicity mostly 汉族;
* its 户籍 in one of the demo communities (``Division.is_demo``), urban or rural after the
  community's urban-rural class, and an address there;
* valid identity numbers whose address code is the district where the person was born, the
  retired code for people born before their district's change (120107 塘沽区 before 2010,
  120221 宁河县 before 2016, …);
* a few deceased and moved-away members (their membership ended) and some people with a
  disability category and grade.

Writes go through ``registry.bulk`` (COPY on PostgreSQL, ``bulk_create`` elsewhere), one
transaction per chunk of whole households, never ``save()`` per row.
"""

from minzheng.registry.demo.loading import CHUNK, SETUP_PERSONS, DemoReport, create_demo_persons
from minzheng.registry.demo.people import DEMO_DATE, DEMO_FILE, household_number_prefix
from minzheng.registry.demo.rows import IMPORT_HEADER, demo_import_rows

__all__ = ["CHUNK", "DEMO_DATE", "DEMO_FILE", "IMPORT_HEADER", "SETUP_PERSONS", "DemoReport", "create_demo_persons",
           "demo_import_rows", "household_number_prefix"]
