"""Payment roll benchmark (PostgreSQL): one district's monthly roll of 200,000 households.

    python bench/payment_roll.py                        # creates (or recreates) the database minzheng_bench_roll
    python bench/payment_roll.py --households 50000     # a smaller district
    python bench/payment_roll.py --reuse                # keep minzheng_bench_roll and its households
    DATABASE_URL=postgres://… python bench/payment_roll.py

Steps:

1. ``minzheng migrate``, roles, programs, the reference and demo divisions; then ``--households``
   recipient households of one person each, spread over the communities of 和平区 (120101), each with
   an active 城市低保 case, its grant and an open benefit period, and a payee account for 19 in 20 of
   them — all written by set-based SQL (``generate_series``), not through the services.
2. ``payments.services.generate_roll`` for 城市低保 × 和平区 × ``--month``, timed including its commit
   (the roll row, the one ``INSERT … SELECT`` of the entries, the totals, the audit rows); then the
   same call again (it returns the existing roll).
3. Beside it, the same roll written by hand: one ``INSERT … SELECT`` of the same rows (regular
   entries, the same joins and conditions) into a scratch table without indexes, and into a scratch
   table with the entry table's indexes and checks (``LIKE … INCLUDING ALL``; no foreign keys).

Goal (docs/benchmarks.md): the roll of 200,000 households in ≤ 10 s.
"""

import argparse
import datetime
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "minzheng_bench_roll"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
DISTRICT = "120101"
GOAL_SECONDS = 10.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--month", type=datetime.date.fromisoformat, default=datetime.date(2026, 11, 1),
                        help="The month of the roll (its first day), default 2026-11-01.")
    parser.add_argument("--reuse", action="store_true", help="Keep the bench database and its households.")
    parser.add_argument("--explain", action="store_true", help="Print the plan of the project's statement.")
    return parser.parse_args()


def prepare_database(reuse: bool) -> str:
    """The database URL to use: DATABASE_URL, or minzheng_bench_roll (recreated unless ``reuse``)."""
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


# Load: set-based SQL, keyed by the running number i of each household

_PERSONS = """INSERT INTO registry_person (created_at, updated_at, remarks, id_number, id_last4, name, name_pinyin,
    name_initials, sex, birth_date, ethnicity, marital_status, hukou_division_id, address, phone, disability_category,
    status)
SELECT now(), now(), '', '9' || lpad(i::text, 17, '0'), right(lpad(i::text, 17, '0'), 4), '受助人' || i, '', '', '1',
       DATE '1940-01-01' + (i %% 25000), '', '', (%(communities)s::bigint[])[1 + i %% %(spread)s], '', '', '', 'alive'
  FROM generate_series(1, %(n)s) i"""
_HOUSEHOLDS = """INSERT INTO registry_household (created_at, updated_at, remarks, number, kind, division_id, address)
SELECT now(), now(), '', 'BR' || lpad(i::text, 17, '0'), 'urban', (%(communities)s::bigint[])[1 + i %% %(spread)s], ''
  FROM generate_series(1, %(n)s) i"""
_MEMBERSHIPS = """INSERT INTO registry_membership (created_at, updated_at, remarks, household_id, person_id, relation,
    start_date, end_reason)
SELECT now(), now(), '', h.id, p.id, 'head', DATE '2020-01-01', ''
  FROM registry_household h JOIN registry_person p ON p.id_number = '9' || substr(h.number, 3)
 WHERE h.number LIKE 'BR%%'"""
_CASES = """INSERT INTO assistance_assistancecase (created_at, updated_at, remarks, number, program_id, kind,
    household_id, applicant_id, division_id, area_type, channel, status, applied_on, reason, application_document,
    authorisation_document, member_count, household_income, calculation, decision_reason, conflicts, urgent,
    end_reason, approved_amount, approved_on, benefit_from)
SELECT now(), now(), '', 'BC' || substr(h.number, 3), %(program)s, 'dibao', h.id, m.person_id, h.division_id, 'urban',
       'household', 'active', DATE '2025-12-01', '', '', '', 1, 0, '[]', '', '[]', false, '', 300 + h.id %% 700,
       DATE '2025-12-20', DATE '2026-01-01'
  FROM registry_household h JOIN registry_membership m ON m.household_id = h.id
 WHERE h.number LIKE 'BR%%'"""
_CHANGES = """INSERT INTO assistance_benefitchange (created_at, updated_at, remarks, case_id, kind, effective,
    new_amount, reason, decided_on)
SELECT now(), now(), '', c.id, 'grant', DATE '2026-01-01', c.approved_amount, '批准', DATE '2025-12-20'
  FROM assistance_assistancecase c WHERE c.number LIKE 'BC%%'"""
_PERIODS = """INSERT INTO assistance_benefitperiod (created_at, updated_at, remarks, case_id, starts, monthly_amount,
    change_id)
SELECT now(), now(), '', g.case_id, g.effective, g.new_amount, g.id
  FROM assistance_benefitchange g JOIN assistance_assistancecase c ON c.id = g.case_id WHERE c.number LIKE 'BC%%'"""
_ACCOUNTS = """INSERT INTO payments_payeeaccount (created_at, updated_at, remarks, person_id, bank_name, account_number)
SELECT now(), now(), '', p.id, '天津农商银行', '6228' || lpad(p.id::text, 15, '0')
  FROM registry_person p WHERE p.id_number LIKE '9%%' AND p.id %% 20 <> 0"""
LOAD_STEPS = (("persons", _PERSONS), ("households", _HOUSEHOLDS), ("memberships", _MEMBERSHIPS), ("cases", _CASES),
              ("benefit changes", _CHANGES), ("benefit periods", _PERIODS), ("payee accounts", _ACCOUNTS))


def setup_reference() -> tuple[object, object, list[int]]:
    """Migrations, roles, programs and divisions; returns (城市低保, 和平区, its current community ids)."""
    from django.core.management import call_command

    from minzheng.accounts.services import seed_roles
    from minzheng.assistance.models import Program
    from minzheng.assistance.services import seed_programs
    from minzheng.divisions.choices import Level
    from minzheng.divisions.demo import create_demo_divisions
    from minzheng.divisions.models import Division

    call_command("migrate", interactive=False, verbosity=0)
    seed_roles()
    seed_programs()
    create_demo_divisions()
    district = Division.objects.current().get(code=DISTRICT)
    communities = list(Division.objects.current().in_division(district).filter(level=Level.COMMUNITY)
                       .values_list("pk", flat=True))
    return Program.objects.get(code="dibao_urban"), district, communities


def load(url: str, households: int, program, communities: list[int]) -> float:
    """Write the recipients by set-based SQL; returns the seconds taken (including VACUUM ANALYZE)."""
    params = {"n": households, "program": program.pk, "communities": communities, "spread": len(communities)}
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        for name, statement in LOAD_STEPS:
            step = time.perf_counter()
            rows = conn.execute(statement, params).rowcount
            print(f"  {name:<16} {rows:>9,} rows  {time.perf_counter() - step:6.1f} s")
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def loaded_households(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM assistance_assistancecase WHERE number LIKE 'BC%'").fetchone()[0]


# Measure


def clear_roll(url: str, program, district, month: datetime.date) -> None:
    """Remove an earlier run's roll of the month (behind the services' back: the bench's own data)."""
    with psycopg.connect(url) as conn:
        roll = "SELECT id FROM payments_paymentroll WHERE program_id = %s AND division_id = %s AND month = %s"
        args = [program.pk, district.pk, month]
        conn.execute(f"DELETE FROM payments_paymententry WHERE roll_id IN ({roll})", args)
        conn.execute(f"DELETE FROM payments_paymentroll WHERE id IN ({roll})", args)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE payments_paymententry")  # a reused table starts without the dead rows


def bench_actor():
    from minzheng.accounts.models import User

    user, _created = User.objects.get_or_create(username="bench_roll_admin", defaults={"is_superuser": True})
    return user


def measure_project(program, district, month) -> tuple[float, float, object]:
    """(seconds of generate_roll, seconds of the repeated call, the roll)."""
    from minzheng.payments.services import generate_roll

    actor = bench_actor()
    started = time.perf_counter()
    roll = generate_roll(program, district, month, actor=actor)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = generate_roll(program, district, month, actor=actor)
    assert again.pk == roll.pk
    return seconds, time.perf_counter() - started, roll


_HAND = """INSERT INTO {table} (roll_id, case_id, household_id, payee_id, name, id_number, bank_name, account, amount,
    kind, recovery, recovery_reason)
SELECT %(roll)s, c.id, c.household_id, c.applicant_id, pe.name, COALESCE(pe.id_number, ''), COALESCE(a.bank_name, ''),
       COALESCE(a.account_number, ''), p.monthly_amount, 'regular', false, ''
  FROM assistance_benefitperiod p
  JOIN assistance_assistancecase c ON c.id = p.case_id
  JOIN divisions_division d ON d.id = c.division_id
  JOIN registry_person pe ON pe.id = c.applicant_id
  LEFT JOIN payments_payeeaccount a ON a.person_id = c.applicant_id
 WHERE c.program_id = %(program)s AND d.path LIKE %(path)s
   AND p.starts <= %(month)s AND (p.ends IS NULL OR p.ends > %(month)s)
   AND c.status IN ('active', 'ended') AND (c.ended_on IS NULL OR c.ended_on > %(month)s)
   AND pe.status = 'alive' AND (pe.death_date IS NULL OR pe.death_date >= %(month)s)"""


def measure_hand(url: str, program, district, month, roll_id: int) -> dict[str, tuple[int, float]]:
    """Rows and seconds (with the commit) of the hand-written statement into two scratch tables."""
    params = {"roll": roll_id, "program": program.pk, "path": f"{district.path}%", "month": month}
    results = {}
    for label, like in (("bare", "INCLUDING DEFAULTS INCLUDING IDENTITY"), ("indexed", "INCLUDING ALL")):
        table = f"bench_roll_{label}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute(f"CREATE TABLE {table} (LIKE payments_paymententry {like})")
        with psycopg.connect(url) as conn:
            started = time.perf_counter()
            rows = conn.execute(_HAND.format(table=table), params).rowcount
            conn.commit()
            results[label] = (rows, time.perf_counter() - started)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP TABLE {table}")
    return results


def explain(url: str, program, district, month) -> None:
    """The plan of the project's statement for an empty roll of the month, executed and rolled back."""
    from django.utils import timezone

    from minzheng.payments.generation import RollInputs, insert_statement
    from minzheng.payments.models import PaymentRoll

    clear_roll(url, program, district, month)
    now = timezone.now()
    roll = PaymentRoll.objects.create(program=program, division=district, month=month, generated_at=now, cutoff=now)
    inputs = RollInputs(roll.pk, program.pk, district.path, month, now)
    with psycopg.connect(url) as conn:
        plan = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + insert_statement(), inputs.params()).fetchall()
        conn.rollback()
    clear_roll(url, program, district, month)
    print("\nPlan of the project's INSERT … SELECT (run and rolled back):")
    for (line,) in plan:
        print(f"  {line}")


# Report


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def print_report(url, households, load_seconds, project, again, roll, hand) -> None:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"\nPayment roll benchmark, {datetime.date.today():%Y-%m-%d}: PostgreSQL {server_version(url)}, "  # noqa: DTZ011
          f"{os.cpu_count()} CPUs, {memory:.0f} GiB, Python {platform.python_version()}")
    if load_seconds is not None:
        print(f"Load: {households:,} recipient households in {load_seconds:.1f} s")
    rows = roll.entry_count
    print(f"\nRoll {roll.program.code} × {roll.division.code} × {roll.month:%Y-%m}: {rows:,} entries, "
          f"total {roll.total_amount:,}")
    print(f"  generate_roll (project)   : {project:7.2f} s  {rows / project:>10,.0f} rows/s")
    for label, (count, seconds) in hand.items():
        text = {"bare": "hand SQL, bare table", "indexed": "hand SQL, same indexes"}[label]
        print(f"  {text:<26}: {seconds:7.2f} s  {count / seconds:>10,.0f} rows/s  "
              f"(project / this: {project / seconds:.1f}×)")
    print(f"  generate_roll again       : {again * 1000:7.1f} ms (returns the existing roll)")
    verdict = "met" if project <= GOAL_SECONDS else "MISSED"
    print(f"  goal ≤ {GOAL_SECONDS:.0f} s: {verdict}")


def main() -> None:
    args = parse_args()
    url = prepare_database(args.reuse)
    setup_django(url)
    program, district, communities = setup_reference()
    load_seconds = None
    if loaded_households(url) < args.households:
        print(f"Loading {args.households:,} households over {len(communities)} communities of {district.name}:")
        load_seconds = load(url, args.households, program, communities)
    clear_roll(url, program, district, args.month)
    project, again, roll = measure_project(program, district, args.month)
    hand = measure_hand(url, program, district, args.month, roll.pk)
    print_report(url, args.households, load_seconds, project, again, roll, hand)
    if args.explain:
        explain(url, program, district, args.month)


if __name__ == "__main__":
    main()
