"""Registry benchmark (PostgreSQL): load, search and import at a city's scale.

    python bench/registry.py --persons 1000000            # creates (or recreates) the database minzheng_bench
    DATABASE_URL=postgres://… python bench/registry.py    # or any database you name (its registry is filled)
    python bench/registry.py --reuse                      # keep minzheng_bench and the persons already loaded

Steps:

1. ``minzheng migrate``, the reference divisions and the demo communities, then the demo generator
   (``registry.demo.create_demo_persons``) loads ``--persons`` persons; the load time is reported.
2. Five kinds of search, ``--queries`` random ones each, through the project's own search code
   (``registry.search.search_persons``) as a city-level user with the view permission, evaluating
   what the person list shows: the first page of 50 and the count. Beside each, the same query
   written by hand in SQL and run through psycopg on the same data. p50 and p95 in ms.
3. Import: ``--import-rows`` new people (demo rows of another seed, as a CSV file) through the
   project's import (``registry.importing``: read, check, write), beside a plain ``COPY`` of the same
   file into a bare table of text columns. Rows per second.

Goals (docs/benchmarks.md): every search p95 ≤ 50 ms and within 3× of the hand-written SQL; import
at least a third of COPY's rate.
"""

import argparse
import csv
import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "minzheng_bench"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
PAGE = 50
GOAL_P95_MS, GOAL_RATIO, GOAL_IMPORT = 50.0, 3.0, 1 / 3


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="Keep the bench database and its persons.")
    return parser.parse_args()


def prepare_database(reuse: bool) -> str:
    """The database URL to use: DATABASE_URL, or minzheng_bench (recreated unless ``reuse``)."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    url = f"{DEFAULT_SERVER}/{BENCH_DB}"
    with psycopg.connect(f"{DEFAULT_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if exists and not reuse:
            conn.execute(f"DROP DATABASE {BENCH_DB} WITH (FORCE)")
        if not exists or not reuse:
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return url


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("MINZHENG_VAR_DIR", tempfile.mkdtemp(prefix="minzheng-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minzheng.settings")
    import django

    django.setup()


def load(persons: int, seed: int) -> tuple[float, int]:
    """Migrate, reference and demo divisions, then the persons; returns (seconds, persons written)."""
    from django.core.management import call_command

    from minzheng.accounts.services import seed_roles
    from minzheng.divisions.demo import create_demo_divisions
    from minzheng.registry.demo import create_demo_persons

    call_command("migrate", interactive=False, verbosity=0)
    seed_roles()
    create_demo_divisions()
    started = time.perf_counter()
    report = create_demo_persons(persons, seed=seed)
    seconds = time.perf_counter() - started
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return seconds, report.persons


def city_user():
    from minzheng.accounts.models import RoleAssignment, User
    from minzheng.accounts.services import role_group
    from minzheng.divisions.models import Division

    user, _created = User.objects.get_or_create(username="bench_city_leader")
    city = Division.objects.get(code="120000")
    RoleAssignment.objects.get_or_create(user=user, role=role_group("city_leader"), division=city)
    return User.objects.get(pk=user.pk)


# Searches: (name, params for search_persons, hand-written SQL and its parameters)

_COLUMNS = ("p.id, p.created_at, p.updated_at, p.created_by_id, p.updated_by_id, p.remarks, p.id_number, "
            "p.registry_number, p.id_last4, p.name, p.name_pinyin, p.name_initials, p.sex, p.birth_date, "
            "p.ethnicity, p.marital_status, p.hukou_division_id, p.residence_division_id, p.address, p.phone, "
            "p.disability_category, p.disability_grade, p.status, p.death_date, p.status_date, p.merged_into_id")
_SCOPE = "p.hukou_division_id IN (SELECT id FROM divisions_division WHERE path LIKE '120000/%%')"


def _sql(where: str) -> tuple[str, str]:
    condition = f"{where} AND {_SCOPE} AND p.status <> 'merged'"
    return (f"SELECT {_COLUMNS} FROM registry_person p WHERE {condition} ORDER BY p.name, p.id LIMIT {PAGE}",
            f"SELECT count(*) FROM registry_person p WHERE {condition}")


def _prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_cases(count: int, rng: random.Random) -> dict[str, list[tuple[dict, str, str, list]]]:
    from minzheng.divisions.choices import Level
    from minzheng.divisions.models import Division
    from minzheng.registry.models import Person
    from minzheng.registry.search import age_bounds

    ids = list(Person.objects.values_list("pk", flat=True).order_by("?")[:count])
    sample = list(Person.objects.filter(pk__in=ids).values_list("id_number", "name", "id_last4", "name_initials"))
    rng.shuffle(sample)
    areas = list(Division.objects.current().filter(level__in=[Level.DISTRICT, Level.STREET]).values_list(
        "code", "path"))
    cases: dict[str, list] = {name: [] for name in ("identity number", "last 4 + name", "name prefix",
                                                    "pinyin initials", "subtree + age range")}
    id_sql, last4_sql = _sql("p.id_number = %s"), _sql("p.id_last4 = %s AND p.name LIKE %s")
    name_sql, pinyin_sql = _sql("p.name LIKE %s"), _sql("(p.name_initials LIKE %s OR p.name_pinyin LIKE %s)")
    area_sql = (f"SELECT {_COLUMNS} FROM registry_person p WHERE p.hukou_division_id IN (SELECT id FROM "
                "divisions_division WHERE path LIKE %s) AND p.birth_date BETWEEN %s AND %s AND p.status <> 'merged' "
                f"ORDER BY p.name, p.id LIMIT {PAGE}")
    area_count = ("SELECT count(*) FROM registry_person p WHERE p.hukou_division_id IN (SELECT id FROM "
                  "divisions_division WHERE path LIKE %s) AND p.birth_date BETWEEN %s AND %s AND p.status <> 'merged'")
    for id_number, name, last4, initials in sample:
        cases["identity number"].append(({"q": id_number}, *id_sql, [id_number]))
        cases["last 4 + name"].append(({"q": f"{name}{last4}"}, *last4_sql, [last4, _prefix(name)]))
        cases["name prefix"].append(({"q": name[:2]}, *name_sql, [_prefix(name[:2])]))
        cases["pinyin initials"].append(({"q": initials}, *pinyin_sql, [_prefix(initials)] * 2))
        code, path = rng.choice(areas)
        low = rng.randrange(0, 80)
        earliest, latest = age_bounds(low, low + 9)
        cases["subtree + age range"].append(({"area": code, "age_min": low, "age_max": low + 9}, area_sql,
                                             area_count, [_prefix(path), earliest, latest]))
    return cases


def measure_searches(user, cases: dict, url: str) -> list[tuple]:
    """p50/p95 (ms) of each search through search_persons and as hand-written SQL, interleaved."""
    from minzheng.registry.search import search_persons

    results = []
    with psycopg.connect(url, autocommit=True) as conn:
        for name, items in cases.items():
            project, hand = [], []
            for params, page_sql, count_sql, args in items[:10]:  # warm both paths
                _run_project(search_persons, user, params)
                _run_sql(conn, page_sql, count_sql, args)
            for params, page_sql, count_sql, args in items:
                project.append(_run_project(search_persons, user, params))
                hand.append(_run_sql(conn, page_sql, count_sql, args))
            results.append((name, _p(project, 50), _p(project, 95), _p(hand, 50), _p(hand, 95)))
    return results


def _run_project(search_persons, user, params) -> float:
    started = time.perf_counter()
    queryset = search_persons(user, params)
    list(queryset[:PAGE])
    queryset.count()
    return (time.perf_counter() - started) * 1000


def _run_sql(conn, page_sql: str, count_sql: str, args: list) -> float:
    started = time.perf_counter()
    page_args = args
    conn.execute(page_sql, page_args).fetchall()
    conn.execute(count_sql, args).fetchone()
    return (time.perf_counter() - started) * 1000


def _p(values: list[float], percentile: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]


# Import


def write_import_file(path: Path, rows: int, seed: int) -> int:
    """A CSV of ``rows`` (whole households) new demo people; households whose numbers clash are left out."""
    from minzheng.registry.demo import IMPORT_HEADER, demo_import_rows
    from minzheng.registry.models import Person

    generated = list(demo_import_rows(rows, seed=seed))
    taken = set()
    numbers = [row["公民身份号码"] for row in generated]
    for start in range(0, len(numbers), 5000):
        taken.update(Person.objects.filter(id_number__in=numbers[start:start + 5000]).values_list("id_number",
                                                                                                   flat=True))
    clashing = {row["户号"] for row in generated if row["公民身份号码"] in taken}
    kept = [row for row in generated if row["户号"] not in clashing]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=IMPORT_HEADER)
        writer.writeheader()
        writer.writerows(kept)
    return len(kept)


def measure_import(path: Path, rows: int, url: str, actor) -> tuple[float, float, float, object]:
    """(project rows/s, re-import rows/s, COPY rows/s, COPY into registry_person rows/s, first report)."""
    from minzheng.registry.importing import import_persons, read_file

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy")
        columns = ", ".join(f"c{i} text" for i in range(15))
        conn.execute(f"CREATE TABLE bench_copy ({columns})")
        started = time.perf_counter()
        with conn.cursor().copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            copy.write(path.read_bytes())
        copy_rate = rows / (time.perf_counter() - started)
        conn.execute("DROP TABLE bench_copy")
    started = time.perf_counter()
    report = import_persons(read_file(path), actor=actor, source=path.name)
    project_rate = rows / (time.perf_counter() - started)
    started = time.perf_counter()
    import_persons(read_file(path), actor=actor, source=path.name)
    again_rate = rows / (time.perf_counter() - started)
    return project_rate, again_rate, copy_rate, table_copy_rate(url, report.counts.persons_created), report


def table_copy_rate(url: str, count: int) -> float:
    """Rows/s of a COPY of the people just imported, again, into ``registry_person`` itself (rolled back).

    The same rows with other keys (ids moved up, identity numbers starting with 9), so that every index
    and foreign-key check of the real table is paid: the floor under any import into this table.
    """
    with psycopg.connect(url) as conn:
        buffer = bytearray()
        query = f"COPY (SELECT * FROM registry_person ORDER BY id DESC LIMIT {int(count)}) TO STDOUT"
        with conn.cursor().copy(query) as copy:
            for data in copy:
                buffer += data
        conn.execute("CREATE TEMP TABLE again (LIKE registry_person)")
        with conn.cursor().copy("COPY again FROM STDIN") as copy:
            copy.write(bytes(buffer))
        conn.execute("UPDATE again SET id = id + 1000000000, id_number = '9' || substr(id_number, 2)")
        conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        buffer = bytearray()
        with conn.cursor().copy("COPY again TO STDOUT") as copy:
            for data in copy:
                buffer += data
        started = time.perf_counter()
        with conn.cursor().copy("COPY registry_person FROM STDIN") as copy:
            copy.write(bytes(buffer))
        rate = count / (time.perf_counter() - started)
        conn.rollback()
    return rate


def remove_imported(url: str, seed: int) -> None:
    """Delete what the import step added, so that ``--reuse`` runs import the same new people again."""
    from minzheng.registry.demo import household_number_prefix

    households = "SELECT id FROM registry_household WHERE number LIKE %s"
    prefix = [_prefix(household_number_prefix(seed))]
    with psycopg.connect(url) as conn:
        conn.execute(f"CREATE TEMP TABLE gone AS SELECT person_id FROM registry_membership "
                     f"WHERE household_id IN ({households})", prefix)
        conn.execute(f"DELETE FROM registry_membership WHERE household_id IN ({households})", prefix)
        conn.execute("DELETE FROM registry_person WHERE id IN (SELECT person_id FROM gone)")
        conn.execute(f"DELETE FROM registry_household WHERE id IN ({households})", prefix)


def import_actor():
    from minzheng.accounts.models import RoleAssignment, User
    from minzheng.accounts.services import role_group
    from minzheng.divisions.models import Division

    user, _created = User.objects.get_or_create(username="bench_city_admin")
    RoleAssignment.objects.get_or_create(user=user, role=role_group("city_admin"),
                                         division=Division.objects.get(code="120000"))
    return User.objects.get(pk=user.pk)


# Report


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def print_report(args, url, load_seconds, loaded, searches, imported) -> None:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"\nRegistry benchmark, {datetime.date.today():%Y-%m-%d}: PostgreSQL {server_version(url)}, "  # noqa: DTZ011
          f"{os.cpu_count()} CPUs, {memory:.0f} GiB, Python {platform.python_version()}")
    if load_seconds is not None:
        print(f"Load: {loaded:,} persons (with households and memberships) in {load_seconds:.1f} s "
              f"({loaded / load_seconds:,.0f} persons/s)")
    print(f"\nSearch ({args.queries} random queries each; first page of {PAGE} + count; ms)")
    print(f"{'query':<22}{'project p50':>12}{'p95':>8}{'SQL p50':>10}{'p95':>8}{'p95 ratio':>11}  goal")
    for name, p50, p95, sql50, sql95 in searches:
        ratio = p95 / sql95 if sql95 else float("inf")
        ok = "met" if p95 <= GOAL_P95_MS and ratio <= GOAL_RATIO else "MISSED"
        print(f"{name:<22}{p50:>12.1f}{p95:>8.1f}{sql50:>10.1f}{sql95:>8.1f}{ratio:>10.1f}×  {ok}")
    rows, project, again, copy, table_copy, report = imported
    ratio = project / copy
    print(f"\nImport ({rows:,} rows, CSV, new people in new households)")
    print(f"  project import : {project:>10,.0f} rows/s  (created {report.counts.persons_created:,}, "
          f"bad rows {report.bad_rows})")
    print(f"  re-import      : {again:>10,.0f} rows/s  (same file again, nothing to change)")
    print(f"  plain COPY     : {copy:>10,.0f} rows/s  (same file into a bare table of text columns)")
    print(f"  COPY to table  : {table_copy:>10,.0f} rows/s  (the imported people again into registry_person, "
          "all its indexes and checks; persons only, rolled back)")
    verdict = "met" if ratio >= GOAL_IMPORT else "MISSED"
    print(f"  ratio          : {ratio:>10.3f}        goal ≥ {GOAL_IMPORT:.3f}: {verdict}")


def main() -> None:
    args = parse_args()
    url = prepare_database(args.reuse)
    setup_django(url)
    from minzheng.registry.models import Person

    load_seconds, loaded = None, 0
    if not (args.reuse and Person.objects.count() >= args.persons):
        load_seconds, loaded = load(args.persons, args.seed)
    rng = random.Random(args.seed)
    searches = measure_searches(city_user(), search_cases(args.queries, rng), url)
    import_seed = args.seed + 1000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.csv"
        rows = write_import_file(path, args.import_rows, seed=import_seed)
        try:
            imported = (rows, *measure_import(path, rows, url, import_actor()))
        finally:
            remove_imported(url, import_seed)
    print_report(args, url, load_seconds, loaded, searches, imported)


if __name__ == "__main__":
    main()
