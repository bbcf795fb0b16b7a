"""Batch annual review benchmark (PostgreSQL): 200,000 recipient households against ~5 million source rows.

    python bench/verification.py                        # creates (or recreates) the database minzheng_bench_verify
    python bench/verification.py --households 2000      # a smoke run (well under a minute)
    python bench/verification.py --reuse                # keep minzheng_bench_verify and its data
    python bench/verification.py --reuse --explain      # also the plan of the project's member_facts statement
    DATABASE_URL=postgres://… python bench/verification.py

Steps:

1. ``minzheng migrate``, roles, programs, the reference and demo divisions; the 城市低保 standard (700 a month
   from 2014 at the city) and its verification rules at the city (wages + pensions over 12 months, at most
   1 property and 30 m² a person, motorbikes only, deposits up to twice the annual standard a person, a
   business needs a review). Then ``--households`` urban households of 2 or 3 persons (2.5 on average)
   spread over the communities of the six central districts, each with an active 城市低保 case and its
   recorded household income, and one current snapshot per source kind holding ~25 source rows a
   household: 12 months of wages of 1.5 persons a household, 12 months of pensions of the third members,
   homes, vehicles, deposits and business registrations. About 5 % of the households break each rule, a
   few members died, moved out or have no identity number, and 5 % have a recorded income that differs
   from the one found. All written by set-based SQL (``generate_series``), not through the services.
2. The project: ``annual.run_batch_review(BatchReview.objects.create(as_of=…))``, timed end to end (it
   writes the findings and opens the review tasks in one transaction), with the time spent in SQL, per
   step of the batch (its module functions wrapped by the bench) and per kind of statement.
3. The reference: the tables it reads exported from PostgreSQL (``COPY … TO STDOUT``, CSV) and loaded into
   DuckDB (timed apart), then one hand-written DuckDB query giving the same (case, finding) list, timed.
   Its counts and its list must equal the project's. For information, the same query on PostgreSQL.
4. A naive per-household ORM loop (members, then the records of each member per source kind, summed and
   judged in Python; it writes nothing) on a sample of ``--sample`` households, extrapolated to all.

Goals (issue 5): the project within 3× of the DuckDB reference and at least 50× faster than the loop.
"""

import argparse
import contextlib
import datetime
import functools
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "minzheng_bench_verify"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
DISTRICTS = ("120101", "120102", "120103", "120104", "120105", "120106")
STANDARD = Decimal("700")
RULES = {"income_sources": ["wages", "pension"], "income_months": 12, "max_properties": 1,
         "max_area_per_person": Decimal("30"), "allowed_vehicle_types": "摩托车", "deposit_multiple": Decimal("2"),
         "business_outcome": "review", "income_tolerance": Decimal("0")}
GOAL_REFERENCE = 3.0  # the project at most this many times the DuckDB query
GOAL_LOOP = 50.0  # the project at least this many times faster than the per-household loop
CENT = Decimal("0.01")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=datetime.date(2026, 11, 16),
                        help="The day of the review, default 2026-11-16 (income window 2025-11 … 2026-10).")
    parser.add_argument("--sample", type=int, default=2000, help="Households of the per-household loop.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of the project's batch (the best counts).")
    parser.add_argument("--reuse", action="store_true", help="Keep the bench database and its data.")
    parser.add_argument("--explain", action="store_true", help="Print the plan of the member_facts statement.")
    parser.add_argument("--profile", action="store_true", help="Print a cProfile of the project's batch.")
    return parser.parse_args()


def prepare_database(reuse: bool) -> str:
    """The database URL to use: DATABASE_URL, or minzheng_bench_verify (recreated unless ``reuse``)."""
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


def setup_reference():
    """Migrations, roles, programs, divisions, the standard and the rules; returns (城市低保, rules, communities)."""
    from django.core.management import call_command

    from minzheng.accounts.services import seed_roles
    from minzheng.assistance.models import Program, Standard
    from minzheng.assistance.services import seed_programs
    from minzheng.divisions.choices import Level
    from minzheng.divisions.demo import create_demo_divisions
    from minzheng.divisions.models import Division
    from minzheng.verification.models import EligibilityRuleSet

    call_command("migrate", interactive=False, verbosity=0)
    seed_roles()
    seed_programs()
    create_demo_divisions()
    program = Program.objects.get(code="dibao_urban")
    city = Division.objects.current().get(depth=0)
    Standard.objects.get_or_create(program=program, division=city, area_type="urban",
                                   effective_from=datetime.date(2014, 1, 1), defaults={"amount": STANDARD})
    rules, _created = EligibilityRuleSet.objects.get_or_create(
        program=program, division=city, effective_from=datetime.date(2014, 1, 1), defaults=RULES)
    communities = list(Division.objects.current()
                       .filter(level=Level.COMMUNITY, code__regex=rf"^({'|'.join(DISTRICTS)})")
                       .order_by("code").values_list("pk", flat=True))
    return program, rules, communities


# Load: set-based SQL. Household i (1 … n) has 2 + i % 2 members r = 1 (head), 2 (spouse), 3 (child);
# member j = 2 (i - 1) + i / 2 + r is the person with the id base + j. Each household draws its
# circumstances from independent hashes of i (``bench_verify_bucket(i, seed)``: 0 … 999).

_HELPERS = [
    """CREATE OR REPLACE FUNCTION bench_verify_bucket(i integer, seed integer) RETURNS integer
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT (((hashint4extended(i, seed) %% 1000) + 1000) %% 1000)::int $$""",
    "DROP TABLE IF EXISTS bench_verify_member",
    "DROP TABLE IF EXISTS bench_verify_household",
    """CREATE TABLE bench_verify_household AS
       SELECT i, 2 + i %% 2 AS size,
              bench_verify_bucket(i, 1) < 50 AS high_wages,        -- income not below the standard
              bench_verify_bucket(i, 2) < 500 AS second_earner,    -- the spouse earns wages too
              bench_verify_bucket(i, 3) < 100 AS half_year,        -- the head earned in 6 months of 12
              bench_verify_bucket(i, 4) < 30 AS pension_current,   -- a pension as one row without a month
              bench_verify_bucket(i, 5) < 600 AS owns_home,
              bench_verify_bucket(i, 6) < 50 AS second_property,   -- more than 1 property
              bench_verify_bucket(i, 7) < 50 AS large_home,        -- more than 30 m² a person
              bench_verify_bucket(i, 8) < 100 AS has_vehicle,
              bench_verify_bucket(i, 9) < 500 AS car,              -- not a motorbike
              bench_verify_bucket(i, 10) < 350 AS has_deposit,
              bench_verify_bucket(i, 14) < 50 AS large_deposit,    -- more than twice the annual standard a person
              bench_verify_bucket(i, 15) < 50 AS business,         -- a manual review
              bench_verify_bucket(i, 16) < 50 AS income_changed,   -- the recorded income is not the one found
              bench_verify_bucket(i, 11) < 10 AS child_without_id, -- (3-person households) not matched: a review
              bench_verify_bucket(i, 12) < 20 AS spouse_died,
              bench_verify_bucket(i, 13) < 20 AS child_left,       -- (3-person households) moved out
              bench_verify_bucket(i, 17) < 200 AS stray_months     -- wages outside the window
         FROM generate_series(1, %(n)s) i""",
    """CREATE TABLE bench_verify_member AS
       SELECT h.i, r, 2 * (h.i - 1) + h.i / 2 + r AS j,
              CASE WHEN r = 3 AND h.child_without_id THEN NULL
                   ELSE '12010' || lpad((2 * (h.i - 1) + h.i / 2 + r)::text, 12, '0') || '7' END AS idn
         FROM bench_verify_household h, generate_series(1, h.size) r""",
    "ALTER TABLE bench_verify_household ADD PRIMARY KEY (i)",
    "ANALYZE bench_verify_household",
    "ANALYZE bench_verify_member",
]

_PERSONS = """INSERT INTO registry_person (id, created_at, updated_at, remarks, id_number, registry_number, id_last4,
    name, name_pinyin, name_initials, sex, birth_date, ethnicity, marital_status, hukou_division_id, address, phone,
    disability_category, status, death_date)
SELECT %(person_base)s + m.j, now(), now(), '', m.idn,
       CASE WHEN m.idn IS NULL THEN 'BV' || lpad(m.j::text, 12, '0') END,
       COALESCE(right(m.idn, 4), ''), '成员' || m.j, '', '', CASE WHEN m.r = 2 THEN '2' ELSE '1' END,
       CASE m.r WHEN 3 THEN DATE '1995-01-01' ELSE DATE '1955-01-01' END + (m.j %% 7000), '汉', '',
       (%(communities)s::bigint[])[1 + m.i %% %(spread)s], '', '', '',
       CASE WHEN m.r = 2 AND h.spouse_died THEN 'deceased' ELSE 'alive' END,
       CASE WHEN m.r = 2 AND h.spouse_died THEN DATE '2026-03-01' END
  FROM bench_verify_member m JOIN bench_verify_household h ON h.i = m.i"""
_HOUSEHOLDS = """INSERT INTO registry_household (id, created_at, updated_at, remarks, number, kind, division_id,
    address)
SELECT %(household_base)s + i, now(), now(), '', 'BV' || lpad(i::text, 17, '0'), 'urban',
       (%(communities)s::bigint[])[1 + i %% %(spread)s], ''
  FROM bench_verify_household"""
_MEMBERSHIPS = """INSERT INTO registry_membership (created_at, updated_at, remarks, household_id, person_id, relation,
    start_date, end_date, end_reason)
SELECT now(), now(), '', %(household_base)s + m.i, %(person_base)s + m.j, (ARRAY['head', 'spouse', 'child'])[m.r],
       DATE '2020-01-01', CASE WHEN m.r = 3 AND h.child_left THEN DATE '2026-06-30' END,
       CASE WHEN m.r = 3 AND h.child_left THEN '迁出' ELSE '' END
  FROM bench_verify_member m JOIN bench_verify_household h ON h.i = m.i"""
_CASES = """INSERT INTO assistance_assistancecase (created_at, updated_at, remarks, number, program_id, kind,
    household_id, applicant_id, division_id, area_type, channel, status, applied_on, reason, application_document,
    authorisation_document, member_count, household_income, calculation, decision_reason, conflicts, urgent,
    end_reason, approved_amount, approved_on, benefit_from)
SELECT now(), now(), '', 'BV' || lpad(i::text, 17, '0'), %(program)s, 'dibao', %(household_base)s + i,
       %(person_base)s + 2 * (i - 1) + i / 2 + 1, (%(communities)s::bigint[])[1 + i %% %(spread)s], 'urban',
       'household', 'active', DATE '2025-12-01', '', '', '', size, 0, '[]', '', '[]', false, '', 300 + i %% 700,
       DATE '2025-12-20', DATE '2026-01-01'
  FROM bench_verify_household"""
_SNAPSHOTS = """INSERT INTO verification_sourcesnapshot (kind, label, as_of, loaded_at, file_name, row_count,
    rejected_count, status)
SELECT kind, 'bench', %(snapshot_as_of)s, now(), kind || '.csv', 0, 0, 'current'
  FROM unnest(ARRAY['wages', 'pension', 'real_estate', 'vehicle', 'deposit', 'business']) kind
RETURNING kind, id"""
_RECORD_COLUMNS = "snapshot_id, id_number, name, amount, quantity, category, period, reference"
# Wages: the head, and the spouse of half the households; 150.00 … 399.99 a month (2,600 … for high_wages),
# 12 months of the window (the last 6 for half_year), and one month before or after it for stray_months.
_WAGES = f"""INSERT INTO verification_sourcerecord ({_RECORD_COLUMNS})
SELECT %(wages)s, m.idn, '成员' || m.j,
       CASE WHEN m.r = 1 AND h.high_wages THEN 2600 + (m.j * 7) %% 1000 ELSE (15000 + (m.j * 37) %% 25000) / 100.0 END,
       NULL, '', (%(start)s::date + make_interval(months => k))::date, ''
  FROM bench_verify_member m JOIN bench_verify_household h ON h.i = m.i CROSS JOIN generate_series(-1, 12) k
 WHERE m.idn IS NOT NULL AND (m.r = 1 OR (m.r = 2 AND h.second_earner))
   AND (k BETWEEN 0 AND 11 OR (h.stray_months AND k = CASE WHEN m.j %% 2 = 0 THEN -1 ELSE 12 END))
   AND (k >= 6 OR NOT (m.r = 1 AND h.half_year))"""
# Pensions: the third member, 100.00 … 249.99 a month, 12 months (or one row without a month).
_PENSIONS = f"""INSERT INTO verification_sourcerecord ({_RECORD_COLUMNS})
SELECT %(pension)s, m.idn, '成员' || m.j, (10000 + (m.j * 13) %% 15000) / 100.0, NULL, '',
       CASE WHEN NOT h.pension_current THEN (%(start)s::date + make_interval(months => k))::date END, ''
  FROM bench_verify_member m JOIN bench_verify_household h ON h.i = m.i
 CROSS JOIN generate_series(0, 11) k
 WHERE m.r = 3 AND m.idn IS NOT NULL AND (k = 0 OR NOT h.pension_current)"""
# Real estate: the head's home (20 … 55 m², 95 … 130 m² for large_home), a second flat of the spouse.
_REAL_ESTATE = f"""INSERT INTO verification_sourcerecord ({_RECORD_COLUMNS})
SELECT %(real_estate)s, m.idn, '成员' || m.j,
       CASE WHEN m.r = 1 THEN 600000 ELSE 300000 END,
       CASE WHEN m.r = 2 THEN 15.00 WHEN h.large_home THEN 95 + (m.i * 7 %% 3500) / 100.0
            ELSE 20 + (m.i * 7 %% 3500) / 100.0 END, '住宅', NULL, 'FC' || m.j
  FROM bench_verify_member m JOIN bench_verify_household h ON h.i = m.i
 WHERE (m.r = 1 AND (h.owns_home OR h.large_home)) OR (m.r = 2 AND h.second_property)"""
_VEHICLES = f"""INSERT INTO verification_sourcerecord ({_RECORD_COLUMNS})
SELECT %(vehicle)s, m.idn, '成员' || m.j, CASE WHEN h.car THEN 80000 ELSE 3000 END, NULL,
       CASE WHEN h.car THEN '小型轿车' ELSE '摩托车' END, NULL, 'CL' || m.j
  FROM bench_verify_member m JOIN bench_verify_household h ON h.i = m.i
 WHERE m.r = 1 AND h.has_vehicle"""
# Deposits: 1,000 … 16,000 of the head; 60,000 … of the spouse for large_deposit.
_DEPOSITS = f"""INSERT INTO verification_sourcerecord ({_RECORD_COLUMNS})
SELECT %(deposit)s, m.idn, '成员' || m.j,
       CASE WHEN m.r = 1 THEN 1000 + (m.i * 31 %% 1500000) / 100.0 ELSE 60000 + (m.i %% 1000) END,
       NULL, '活期', NULL, 'CK' || m.j
  FROM bench_verify_member m JOIN bench_verify_household h ON h.i = m.i
 WHERE (m.r = 1 AND h.has_deposit) OR (m.r = 2 AND h.large_deposit)"""
_BUSINESSES = f"""INSERT INTO verification_sourcerecord ({_RECORD_COLUMNS})
SELECT %(business)s, m.idn, '成员' || m.j, 50000, NULL, '个体工商户', NULL, 'GS' || m.j
  FROM bench_verify_member m JOIN bench_verify_household h ON h.i = m.i
 WHERE m.r = 1 AND h.business"""
# The recorded income: the one the sources give (living current members' wages and pensions in the window
# averaged over 12 months, plus the rows without a month), 100.00 more for income_changed.
_RECORDED = """UPDATE assistance_assistancecase c
   SET household_income = f.income + CASE WHEN h.income_changed THEN 100 ELSE 0 END
  FROM (SELECT ms.household_id,
               round(COALESCE(sum(r.amount) FILTER (WHERE r.period >= %(start)s AND r.period < %(end)s), 0) / 12
                     + COALESCE(sum(r.amount) FILTER (WHERE r.period IS NULL), 0), 2) AS income
          FROM registry_membership ms JOIN registry_person p ON p.id = ms.person_id
          LEFT JOIN verification_sourcerecord r ON r.id_number = p.id_number
               AND r.snapshot_id IN (%(wages)s, %(pension)s)
         WHERE ms.end_date IS NULL AND p.status = 'alive' AND ms.household_id > %(household_base)s
         GROUP BY ms.household_id) f
  JOIN bench_verify_household h ON h.i = f.household_id - %(household_base)s
 WHERE c.household_id = f.household_id AND c.number LIKE 'BV%%'"""
RECORD_STEPS = (("wages", "wages", _WAGES), ("pensions", "pension", _PENSIONS),
                ("real estate", "real_estate", _REAL_ESTATE), ("vehicles", "vehicle", _VEHICLES),
                ("deposits", "deposit", _DEPOSITS), ("businesses", "business", _BUSINESSES))


def _next_id(conn, table: str) -> int:
    return conn.execute(f"SELECT COALESCE(max(id), 0) FROM {table}").fetchone()[0]


def _step(conn, name: str, statement: str, params: dict) -> int:
    started = time.perf_counter()
    rows = conn.execute(statement, params).rowcount
    print(f"  {name:<18} {rows:>10,} rows  {time.perf_counter() - started:6.1f} s", flush=True)
    return rows


def load(url: str, households: int, program, communities: list[int], as_of: datetime.date) -> float:
    """Write the households and the sources by set-based SQL; returns the seconds taken (with VACUUM ANALYZE)."""
    from minzheng.verification.facts import IncomeWindow

    window = IncomeWindow(as_of, RULES["income_months"])
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        params = {"n": households, "program": program.pk, "communities": communities, "spread": len(communities),
                  "person_base": _next_id(conn, "registry_person"),
                  "household_base": _next_id(conn, "registry_household"),
                  "start": window.start, "end": window.end, "snapshot_as_of": as_of - datetime.timedelta(days=16)}
        for statement in _HELPERS:
            conn.execute(statement, params)
        for name, statement in (("persons", _PERSONS), ("households", _HOUSEHOLDS), ("memberships", _MEMBERSHIPS),
                                ("cases", _CASES)):
            _step(conn, name, statement, params)
        for table in ("registry_person", "registry_household"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.execute("UPDATE verification_sourcesnapshot SET status = 'superseded', superseded_at = now() "
                     "WHERE status = 'current'")
        params.update(dict(conn.execute(_SNAPSHOTS, params).fetchall()))
        for name, kind, statement in RECORD_STEPS:
            rows = _step(conn, name, statement, params)
            conn.execute("UPDATE verification_sourcesnapshot SET row_count = %s WHERE id = %s", [rows, params[kind]])
        conn.execute("ANALYZE")
        _step(conn, "recorded incomes", _RECORDED, params)
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def counts(url: str) -> dict[str, int]:
    tables = {"households": "registry_household", "persons": "registry_person", "memberships": "registry_membership",
              "cases": "assistance_assistancecase", "source rows": "verification_sourcerecord"}
    with psycopg.connect(url) as conn:
        found = {name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for name, table in tables.items()}
        found["current source rows"] = conn.execute(
            "SELECT count(*) FROM verification_sourcerecord r JOIN verification_sourcesnapshot s "
            "ON s.id = r.snapshot_id WHERE s.status = 'current'").fetchone()[0]
        found["by kind"] = dict(conn.execute(
            "SELECT kind, row_count FROM verification_sourcesnapshot WHERE status = 'current' ORDER BY id").fetchall())
    return found


def loaded_households(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM assistance_assistancecase WHERE number LIKE 'BV%'").fetchone()[0]


# 1. The project


def clear_batches(url: str) -> None:
    """Remove earlier runs' batches, findings, access-log rows and review tasks (the bench's own data)."""
    with psycopg.connect(url) as conn:
        conn.execute("DELETE FROM verification_batchfinding")
        conn.execute("DELETE FROM verification_accesslog WHERE batch_id IS NOT NULL")
        conn.execute("DELETE FROM verification_batchreview")
        conn.execute("DELETE FROM assistance_reviewtask WHERE source = 'verification'")
        conn.execute("UPDATE assistance_assistancecase SET next_review_on = NULL WHERE next_review_on IS NOT NULL")
    with psycopg.connect(url, autocommit=True) as conn:
        for table in ("verification_batchfinding", "assistance_reviewtask", "assistance_assistancecase"):
            conn.execute(f"VACUUM ANALYZE {table}")


#: The steps of ``annual.run_batch_review`` timed apart (module functions wrapped for the bench's run only).
PHASES = {"_household_facts": "member facts: the SQL, folded into households", "_judge": "judging (evaluate)",
          "open_review_tasks": "opening review tasks", "_open_tasks": "linking findings to tasks (bulk_update)",
          "_finish": "counts, access log, event"}


class Instrument:
    """A Django execute wrapper adding up the time of each statement, by phase of the batch."""

    def __init__(self):
        self.seconds = 0.0
        self.statements: list[tuple[float, str, object]] = []
        self.phases: dict[str, float] = defaultdict(float)
        self.phase_sql: dict[str, float] = defaultdict(float)
        self.current: list[str] = ["rest"]

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds = time.perf_counter() - started
            self.seconds += seconds
            self.phase_sql[self.current[-1]] += seconds
            self.statements.append((seconds, sql, params))

    def _timed(self, name: str, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            self.current.append(name)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.phases[name] += time.perf_counter() - started
                self.current.pop()
        return wrapper

    @contextlib.contextmanager
    def patched(self):
        from minzheng.verification import annual

        originals = {name: getattr(annual, name) for name in PHASES}
        for name, function in originals.items():
            setattr(annual, name, self._timed(name, function))
        try:
            yield
        finally:
            for name, function in originals.items():
                setattr(annual, name, function)

    def phase_lines(self, total: float) -> list[str]:
        """(label, wall seconds, SQL seconds) per phase; nested phases are taken out of their parent."""
        own = dict(self.phases)
        own["_open_tasks"] = own.get("_open_tasks", 0.0) - own.get("open_review_tasks", 0.0)
        own["rest"] = total - sum(self.phases[name] for name in PHASES if name != "open_review_tasks")
        labels = {**PHASES, "rest": "the rest: cases, groups, findings bulk_create"}
        return [f"{labels[name]:<48} {own[name]:7.2f} s  (SQL {self.phase_sql[name]:5.2f} s)"
                for name in (*PHASES, "rest")]

    def by_statement(self, count: int = 6) -> list[str]:
        """The kinds of statement (verb and table) taking the most time."""
        totals: dict[str, list] = defaultdict(lambda: [0, 0.0])
        for seconds, sql, _params in self.statements:
            words = sql.replace('"', "").split()
            if sql.startswith("SELECT m.household_id, p.id, p.id_number, a.*"):
                key = "SELECT member_facts (facts.py)"
            elif words[0] in ("INSERT", "DELETE"):
                key = f"{words[0]} {words[2]}"
            elif words[0] == "UPDATE":
                key = f"UPDATE {words[1]}"
            else:
                key = f"{words[0]} {words[words.index('FROM') + 1] if 'FROM' in words else ''}"
            totals[key][0] += 1
            totals[key][1] += seconds
        ranked = sorted(totals.items(), key=lambda item: item[1][1], reverse=True)[:count]
        return [f"{key:<48} {seconds:7.2f} s  ({number:,} statements)" for key, (number, seconds) in ranked]


def _run_batch(url: str, as_of: datetime.date, instrument: Instrument):
    from django.db import connection

    from minzheng.verification.annual import run_batch_review
    from minzheng.verification.models import BatchReview

    clear_batches(url)
    with instrument.patched(), connection.execute_wrapper(instrument):
        started = time.perf_counter()
        batch = run_batch_review(BatchReview.objects.create(as_of=as_of))
        return time.perf_counter() - started, batch


def measure_project(url: str, as_of: datetime.date, repeat: int):
    """[(seconds, Instrument)] of each run, and the last batch."""
    runs, batch = [], None
    for run in range(repeat):
        timer = Instrument()
        seconds, batch = _run_batch(url, as_of, timer)
        runs.append((seconds, timer))
        print(f"  run {run + 1}: {seconds:.2f} s (SQL {timer.seconds:.2f} s)", flush=True)
    return runs, batch


def profile_project(url: str, as_of: datetime.date) -> None:
    """One more run under cProfile (not counted), its functions by own time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    seconds, _batch = _run_batch(url, as_of, Instrument())
    profiler.disable()
    print(f"\nProfile of one more run of the project's batch ({seconds:.2f} s under the profiler), by own time:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(25)


def project_findings(batch) -> dict[int, str]:
    from minzheng.verification.models import BatchFinding

    return dict(BatchFinding.objects.filter(batch=batch).values_list("case_id", "kind"))


def explain_member_facts(timer: Instrument) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the project's member_facts statement as it ran in the batch."""
    from django.db import connection

    sql, params = next((sql, params) for _seconds, sql, params in timer.statements
                       if sql.startswith("SELECT m.household_id, p.id, p.id_number, a.*"))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = cursor.fetchall()
    print("\nPlan of the project's member_facts statement (facts.py):")
    for (line,) in plan:
        print(f"  {line}")


# 2. The DuckDB reference

_EXPORTS = {
    "snapshots": ("SELECT id, kind, status, as_of FROM verification_sourcesnapshot",
                  {"id": "BIGINT", "kind": "VARCHAR", "status": "VARCHAR", "as_of": "DATE"}),
    "cases": ("SELECT id, household_id, status, kind, household_income FROM assistance_assistancecase",
              {"id": "BIGINT", "household_id": "BIGINT", "status": "VARCHAR", "kind": "VARCHAR",
               "household_income": "DECIMAL(12,2)"}),
    "memberships": ("SELECT household_id, person_id, end_date FROM registry_membership",
                    {"household_id": "BIGINT", "person_id": "BIGINT", "end_date": "DATE"}),
    "persons": ("SELECT id, id_number, status FROM registry_person",
                {"id": "BIGINT", "id_number": "VARCHAR", "status": "VARCHAR"}),
    "records": ("SELECT snapshot_id, id_number, amount, quantity, category, period FROM verification_sourcerecord",
                {"snapshot_id": "BIGINT", "id_number": "VARCHAR", "amount": "DECIMAL(14,2)",
                 "quantity": "DECIMAL(12,2)", "category": "VARCHAR", "period": "DATE"}),
}

# Per active recurring case: its household's living current members, their records in the current
# snapshots summed per person, then per household; income in cents rounded half up as the project does.
_REFERENCE = """{create} reference AS
WITH current_snapshots AS (SELECT id, kind FROM {snapshots} WHERE status = 'current'),
recipients AS (SELECT id, household_id, household_income FROM {cases}
                WHERE status = 'active' AND kind IN ('dibao', 'tekun')),
members AS (SELECT m.household_id, p.id_number FROM {memberships} m JOIN {persons} p ON p.id = m.person_id
             WHERE m.end_date IS NULL AND p.status = 'alive'
               AND m.household_id IN (SELECT household_id FROM recipients)),
per_person AS (
    SELECT r.id_number,
           sum(r.amount) FILTER (WHERE s.kind IN ({income}) AND r.period >= DATE '{start}'
                                   AND r.period < DATE '{end}') AS windowed,
           sum(r.amount) FILTER (WHERE s.kind IN ({income}) AND r.period IS NULL) AS undated,
           count(*) FILTER (WHERE s.kind = 'real_estate') AS properties,
           sum(COALESCE(r.quantity, 0)) FILTER (WHERE s.kind = 'real_estate') AS area,
           count(*) FILTER (WHERE s.kind = 'vehicle' AND r.category NOT IN ({vehicles})) AS disallowed_vehicles,
           sum(r.amount) FILTER (WHERE s.kind = 'deposit') AS deposits,
           count(*) FILTER (WHERE s.kind = 'business') AS businesses
      FROM {records} r JOIN current_snapshots s ON s.id = r.snapshot_id
     GROUP BY r.id_number),
households AS (
    SELECT m.household_id, count(*) AS members, count(*) FILTER (WHERE m.id_number IS NULL) AS unmatched,
           CAST(COALESCE(sum(f.windowed), 0) * 100 AS BIGINT) AS windowed_cents,
           CAST(COALESCE(sum(f.undated), 0) * 100 AS BIGINT) AS undated_cents,
           COALESCE(sum(f.properties), 0) AS properties, COALESCE(sum(f.area), 0) AS area,
           COALESCE(sum(f.disallowed_vehicles), 0) AS disallowed_vehicles,
           COALESCE(sum(f.deposits), 0) AS deposits, COALESCE(sum(f.businesses), 0) AS businesses
      FROM members m LEFT JOIN per_person f ON f.id_number = m.id_number
     GROUP BY m.household_id),
judged AS (
    SELECT c.id AS case_id, COALESCE(h.members, 0) AS members, greatest(COALESCE(h.members, 0), 1) AS counted,
           {rounded_income} + COALESCE(h.undated_cents, 0)
               AS income_cents,
           CAST(c.household_income * 100 AS BIGINT) AS recorded_cents, h.unmatched, h.properties, h.area,
           h.disallowed_vehicles, h.deposits, h.businesses
      FROM recipients c LEFT JOIN households h ON h.household_id = c.household_id)
SELECT case_id, kind FROM (
    SELECT case_id,
           CASE WHEN income_cents >= {standard_cents} * counted OR properties > {max_properties}
                     OR area > {max_area} * counted OR disallowed_vehicles > 0 OR deposits > {max_deposit} * counted
                     THEN 'ineligible'
                WHEN members = 0 OR unmatched > 0 OR businesses > 0 THEN 'review'
                WHEN abs(income_cents - recorded_cents) > {tolerance_cents} THEN 'amount' END AS kind
      FROM judged) verdicts
 WHERE kind IS NOT NULL"""


def _quote(values) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in sorted(values)) or "NULL"


#: Table names and integer division: DuckDB (the exported tables) and PostgreSQL (for information).
_DIALECTS = {
    "duckdb": {"create": "CREATE OR REPLACE TABLE", "snapshots": "snapshots", "cases": "cases",
               "memberships": "memberships", "persons": "persons", "records": "records",
               "divide": "(({}) // ({}))"},
    "postgres": {"create": "CREATE TEMP TABLE", "snapshots": "verification_sourcesnapshot",
                 "cases": "assistance_assistancecase", "memberships": "registry_membership",
                 "persons": "registry_person", "records": "verification_sourcerecord", "divide": "div({}, {})"},
}


def reference_query(rules, standard: Decimal, as_of: datetime.date, dialect: str = "duckdb") -> str:
    """The hand-written query for one rule set at the city (the bench's only one: it checks that)."""
    from minzheng.verification.facts import IncomeWindow

    window = IncomeWindow(as_of, rules.income_months)
    assert rules.max_properties is not None and rules.max_area_per_person is not None
    assert rules.deposit_multiple is not None and rules.check_vehicles and rules.business_outcome == "review"
    assert not rules.review_margin
    names = dict(_DIALECTS[dialect])
    months = rules.income_months
    rounded = names.pop("divide").format(f"2 * COALESCE(h.windowed_cents, 0) + {months}", 2 * months)
    return _REFERENCE.format(
        **names, rounded_income=rounded, income=_quote(rules.income_sources), start=window.start, end=window.end,
        vehicles=_quote(rules.allowed_vehicles), standard_cents=int(standard * 100),
        max_properties=rules.max_properties, max_area=rules.max_area_per_person,
        max_deposit=(rules.deposit_multiple * 12 * standard).quantize(CENT, ROUND_HALF_UP),
        tolerance_cents=int(rules.income_tolerance * 100))


def load_duckdb(url: str, directory: Path):
    """(DuckDB connection, seconds of the export from PostgreSQL, seconds of the load into DuckDB)."""
    import duckdb

    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        for name, (select, _columns) in _EXPORTS.items():
            with (directory / f"{name}.csv").open("wb") as out, \
                    conn.cursor().copy(f"COPY ({select}) TO STDOUT WITH (FORMAT csv)") as copy:
                for data in copy:
                    out.write(data)
    exported = time.perf_counter() - started
    started = time.perf_counter()
    db = duckdb.connect(str(directory / "reference.duckdb"))
    for name, (_select, columns) in _EXPORTS.items():
        spec = "{" + ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items()) + "}"
        db.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{directory / name}.csv', header = false, "
                   f"allow_quoted_nulls = false, columns = {spec})")
    db.execute("CHECKPOINT")
    return db, exported, time.perf_counter() - started


def measure_reference(db, query: str, runs: int = 3) -> tuple[list[float], dict[int, str]]:
    """Seconds of each run of the query (materialised as a table) and its (case, kind) list."""
    seconds = []
    for _run in range(runs):
        started = time.perf_counter()
        db.execute(query)
        seconds.append(time.perf_counter() - started)
    return seconds, dict(db.execute("SELECT case_id, kind FROM reference").fetchall())


def measure_reference_postgres(url: str, query: str) -> tuple[float, dict[str, int]]:
    """For information: the seconds of the same query on PostgreSQL (into a temporary table), and its counts."""
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        conn.execute(query)
        seconds = time.perf_counter() - started
        found = dict(conn.execute("SELECT kind, count(*) FROM reference GROUP BY kind").fetchall())
        conn.rollback()
    return seconds, found


# 3. The per-household ORM loop


def naive_review(case_ids: list[int], rules, standard: Decimal, as_of: datetime.date) -> dict[int, str]:
    """The (case, kind) findings of the sample, one household at a time through the ORM."""
    from minzheng.assistance.models import AssistanceCase
    from minzheng.registry.models import Person
    from minzheng.verification.facts import IncomeWindow
    from minzheng.verification.models import SourceRecord, SourceSnapshot

    window = IncomeWindow(as_of, rules.income_months)
    snapshots = list(SourceSnapshot.objects.filter(status="current"))
    allowed = rules.allowed_vehicles
    deposit_limit = (rules.deposit_multiple * 12 * standard).quantize(CENT, ROUND_HALF_UP)
    found = {}
    for case in AssistanceCase.objects.filter(pk__in=case_ids):
        members = list(Person.objects.filter(memberships__household_id=case.household_id,
                                             memberships__end_date__isnull=True, status="alive"))
        income, properties, area, cars, deposits, businesses, unmatched = Decimal(0), 0, Decimal(0), 0, Decimal(0), 0, 0
        for person in members:
            if not person.id_number:
                unmatched += 1
                continue
            for snapshot in snapshots:
                windowed = Decimal(0)
                for record in SourceRecord.objects.filter(snapshot=snapshot, id_number=person.id_number):
                    if snapshot.kind in rules.income_sources:
                        if record.period is None:
                            income += record.amount
                        elif window.start <= record.period < window.end:
                            windowed += record.amount
                    elif snapshot.kind == "real_estate":
                        properties += 1
                        area += record.quantity or 0
                    elif snapshot.kind == "vehicle":
                        cars += record.category not in allowed
                    elif snapshot.kind == "deposit":
                        deposits += record.amount
                    elif snapshot.kind == "business":
                        businesses += 1
                income += windowed / window.months  # the person's monthly average, as the project takes it
        income = income.quantize(CENT, ROUND_HALF_UP)
        counted = max(len(members), 1)
        if (income >= standard * counted or properties > rules.max_properties
                or area > rules.max_area_per_person * counted or cars or deposits > deposit_limit * counted):
            found[case.pk] = "ineligible"
        elif not members or unmatched or businesses:
            found[case.pk] = "review"
        elif abs(income - case.household_income) > rules.income_tolerance:
            found[case.pk] = "amount"
    return found


def measure_loop(sample: int, rules, standard: Decimal, as_of: datetime.date) -> tuple[float, list[int], dict]:
    """(seconds, the sample's case ids, its findings): every n-th recipient case."""
    from minzheng.verification.annual import recipients

    ids = list(recipients().order_by("pk").values_list("pk", flat=True))
    step = max(len(ids) / max(sample, 1), 1)
    chosen = sorted({ids[int(index * step)] for index in range(min(sample, len(ids)))})
    started = time.perf_counter()
    found = naive_review(chosen, rules, standard, as_of)
    return time.perf_counter() - started, chosen, found


# Report


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def tally(findings: dict[int, str]) -> dict[str, int]:
    result = defaultdict(int)
    for kind in findings.values():
        result[kind] += 1
    return {kind: result[kind] for kind in ("ineligible", "review", "amount")}


def compare(label: str, project: dict[int, str], other: dict[int, str], cases: list[int] | None = None) -> bool:
    """Print whether ``other`` lists the same (case, kind) as the project (on ``cases`` only when given)."""
    if cases is not None:
        project = {case: kind for case, kind in project.items() if case in set(cases)}
    differing = sorted(case for case in set(project) | set(other) if project.get(case) != other.get(case))
    if not differing:
        print(f"  {label}: the same {len(project):,} findings as the project")
        return True
    print(f"  {label}: MISMATCH in {len(differing):,} cases, e.g. "
          + ", ".join(f"case {case}: project {project.get(case)}, {label} {other.get(case)}" for case in differing[:5]))
    return False


def main() -> None:  # noqa: PLR0915 (a script: one step after the other)
    args = parse_args()
    url = prepare_database(args.reuse)
    setup_django(url)
    program, rules, communities = setup_reference()
    from minzheng.assistance.models import Standard
    from minzheng.divisions.models import Division

    standard = Standard.objects.filter(program=program, area_type="urban").applicable(
        Division.objects.current().get(depth=0), args.as_of).amount
    load_seconds = None
    if loaded_households(url) == 0:
        print(f"Loading {args.households:,} households over {len(communities)} communities of "
              f"{len(DISTRICTS)} districts:", flush=True)
        load_seconds = load(url, args.households, program, communities, args.as_of)
    elif loaded_households(url) != args.households:
        print(f"(reusing the {loaded_households(url):,} households already loaded, not {args.households:,})")
    rows = counts(url)
    households = rows["cases"]

    print(f"\nThe project's batch review of {households:,} households as of {args.as_of}:", flush=True)
    runs, batch = measure_project(url, args.as_of, args.repeat)
    project, timer = min(runs, key=lambda run: run[0])
    findings = project_findings(batch)
    if args.explain:
        explain_member_facts(timer)

    print("\nThe DuckDB reference:", flush=True)
    import duckdb

    with tempfile.TemporaryDirectory(prefix="minzheng-bench-duckdb-") as directory:
        db, exported, loaded = load_duckdb(url, Path(directory))
        threads = db.execute("SELECT current_setting('threads')").fetchone()[0]
        reference_runs, reference_findings = measure_reference(db, reference_query(rules, standard, args.as_of))
        db.close()
    reference = min(reference_runs)
    on_postgres, postgres_counts = measure_reference_postgres(
        url, reference_query(rules, standard, args.as_of, dialect="postgres"))

    print(f"\nThe per-household ORM loop on {args.sample:,} households:", flush=True)
    loop_sample, sample_ids, loop_findings = measure_loop(args.sample, rules, standard, args.as_of)
    loop = loop_sample * households / len(sample_ids)

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"\nVerification batch benchmark, {datetime.date.today():%Y-%m-%d}: PostgreSQL {server_version(url)}, "  # noqa: DTZ011
          f"{os.cpu_count()} CPUs, {memory:.0f} GiB, Python {platform.python_version()}, DuckDB {duckdb.__version__} "
          f"({threads} threads)")
    if load_seconds is not None:
        print(f"Load (set-based SQL, with VACUUM ANALYZE): {load_seconds:.1f} s")
    print(f"Data: {rows['households']:,} households, {rows['persons']:,} persons, {rows['memberships']:,} "
          f"memberships, {rows['cases']:,} cases; {rows['current source rows']:,} current source rows ("
          + ", ".join(f"{kind} {count:,}" for kind, count in rows["by kind"].items()) + ")")
    print(f"Rules: standard {standard}/month, income {'+'.join(rules.income_sources)} over {rules.income_months} "
          f"months before {args.as_of:%Y-%m}, ≤ {rules.max_properties} property, "
          f"≤ {rules.max_area_per_person} m²/person, "
          f"vehicles allowed: {rules.allowed_vehicle_types}, deposits ≤ {rules.deposit_multiple} × annual standard"
          f"/person, business → {rules.business_outcome}, tolerance {rules.income_tolerance}")

    print("\nFindings (ineligible / review / amount):")
    print(f"  project batch : {batch.ineligible:,} / {batch.needs_review:,} / {batch.amount_changes:,} of "
          f"{batch.checked:,} checked, {batch.tasks_opened:,} review tasks opened")
    duck = tally(reference_findings)
    print(f"  DuckDB query  : {duck['ineligible']:,} / {duck['review']:,} / {duck['amount']:,}")
    same_counts = (batch.ineligible, batch.needs_review, batch.amount_changes) == tuple(duck.values())
    print(f"  counts equal  : {'yes' if same_counts else 'NO (a bug)'}")
    compare("DuckDB", findings, reference_findings)
    loop_counts = tally(loop_findings)
    print(f"  ORM loop      : {loop_counts['ineligible']:,} / {loop_counts['review']:,} / {loop_counts['amount']:,} "
          f"in its sample of {len(sample_ids):,}")
    compare("ORM loop", findings, loop_findings, sample_ids)

    sql_share = timer.seconds
    print(f"\nTimes ({households:,} households):")
    print(f"  project run_batch_review     : {project:8.2f} s  (SQL {sql_share:.2f} s, "
          f"Python {project - sql_share:.2f} s"
          + (f"; runs {', '.join(f'{seconds:.2f}' for seconds, _timer in runs)}" if len(runs) > 1 else "") + ")")
    print("    by step of run_batch_review:")
    for line in timer.phase_lines(project):
        print(f"      {line}")
    print("    SQL by statement:")
    for line in timer.by_statement():
        print(f"      {line}")
    print(f"  DuckDB reference query       : {reference:8.2f} s  (best of {len(reference_runs)}: "
          f"{', '.join(f'{seconds:.2f}' for seconds in reference_runs)}, median "
          f"{statistics.median(reference_runs):.2f}; export from PostgreSQL {exported:.1f} s, load {loaded:.1f} s, "
          "not counted)")
    print(f"  same query on PostgreSQL     : {on_postgres:8.2f} s  (for information, not a goal: "
          f"{postgres_counts.get('ineligible', 0):,} / {postgres_counts.get('review', 0):,} / "
          f"{postgres_counts.get('amount', 0):,}; project / this {project / on_postgres:.1f}×)")
    print(f"  per-household ORM loop       : {loop:8.1f} s  (extrapolated: {loop_sample:.2f} s for "
          f"{len(sample_ids):,} households × {households / len(sample_ids):.1f})")

    to_reference, to_loop = project / reference, loop / project
    met_reference, met_loop = to_reference <= GOAL_REFERENCE, to_loop >= GOAL_LOOP
    print("\nGoals:")
    print(f"  project / DuckDB   = {to_reference:6.1f}×  (goal ≤ {GOAL_REFERENCE:.0f}×): "
          f"{'met' if met_reference else 'MISSED'}")
    print(f"  loop / project     = {to_loop:6.1f}×  (goal ≥ {GOAL_LOOP:.0f}×): {'met' if met_loop else 'MISSED'}")
    if args.profile:
        profile_project(url, args.as_of)


if __name__ == "__main__":
    main()
