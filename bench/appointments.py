"""Appointment booking benchmark (PostgreSQL + gunicorn): a popular date, far more requests than places.

    python bench/appointments.py                               # creates (or recreates) minzheng_bench_appointments
    python bench/appointments.py --clients 32 --requests 4000  # more pressure
    python bench/appointments.py --workers 4 --offices 2 --capacity 10
    DATABASE_URL=postgres://… python bench/appointments.py

Steps:

1. ``minzheng migrate``, roles, the reference and demo divisions, the holiday calendar; ``--offices`` registry
   offices (和平区 first), each with ``--slots`` marriage slots a day of ``--capacity`` places; a popular date
   (the first Saturday in a week or more, opened specially) with its slots, and a second such date for the
   reference run.
2. The project: gunicorn (``--workers`` sync workers, the real WSGI application and settings) serving the public
   API; ``--clients`` threads post ``--requests`` bookings of distinct couples to ``POST
   /api/marriage/public/appointments/`` for random slots of the popular date, each on a new connection. Timed
   from the first request to the last answer: bookings/s, requests/s, p50/p99 latency; then checked in SQL:
   slots over their capacity (must be 0), and every 201 answer against the stored appointments, the slots'
   counters and the holders (no booking lost, none counted twice).
3. The reference: the same statements the service runs for one booking (printed, captured from the service),
   driven directly with psycopg by as many threads, one transaction per request, on the second date's slots:
   once with the audit event appended to the hash chain as the service does (advisory lock, last row, insert),
   once without it. Their transaction rate is the ceiling for the HTTP path on this machine.

Nothing is asserted on time; the overbooking checks make the script exit 1 if they fail.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import queue
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "minzheng_bench_appointments"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
BOOK_PATH = "/api/marriage/public/appointments/"
AUDIT_LOCK = 7_301_002  # audit.services: the AuditEvent chain's advisory lock
ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16, help="Concurrent HTTP clients (and reference threads).")
    parser.add_argument("--requests", type=int, default=2000, help="Booking requests in all.")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn sync workers.")
    parser.add_argument("--offices", type=int, default=2)
    parser.add_argument("--slots", type=int, default=8, help="Marriage slots per office and day.")
    parser.add_argument("--capacity", type=int, default=40, help="Places per slot.")
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one).")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def prepare_database() -> str:
    """The database URL: DATABASE_URL, or minzheng_bench_appointments dropped and created afresh."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    with psycopg.connect(f"{DEFAULT_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return f"{DEFAULT_SERVER}/{BENCH_DB}"


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("MINZHENG_VAR_DIR", tempfile.mkdtemp(prefix="minzheng-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minzheng.settings")
    import django

    django.setup()


# Setup


def popular_dates(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first Saturday a week or more ahead, and the one after (the reference's)."""
    day = today + datetime.timedelta(days=7)
    while day.weekday() != 5:
        day += datetime.timedelta(days=1)
    return day, day + datetime.timedelta(days=7)


def setup_offices(args) -> tuple[list, list, list]:
    """Offices, their slots of the popular date and of the reference date."""
    from django.core.management import call_command
    from django.utils import timezone

    from minzheng.accounts.services import seed_roles
    from minzheng.approvals.holidays import seed_holidays
    from minzheng.divisions.choices import Level
    from minzheng.divisions.demo import create_demo_divisions
    from minzheng.divisions.models import Division
    from minzheng.marriage.choices import Service
    from minzheng.marriage.models import OfficeDay, RegistryOffice, SlotTemplate
    from minzheng.marriage.schedule import open_slots

    call_command("migrate", interactive=False, verbosity=0)
    seed_roles()
    create_demo_divisions()
    seed_holidays()
    districts = list(Division.objects.current().filter(level=Level.DISTRICT).order_by("code")[: args.offices])
    popular, reference = popular_dates(timezone.localdate())
    offices, slots, reference_slots = [], [], []
    for district in districts:
        office = RegistryOffice.objects.create(code=district.code[:6], name=f"{district.name}婚姻登记处",
                                               division=district, opens_at="08:00", closes_at="18:00")
        SlotTemplate.objects.bulk_create([
            SlotTemplate(office=office, service=Service.MARRIAGE, starts_at=datetime.time(8 + n // 2, 30 * (n % 2)),
                         ends_at=datetime.time(8 + n // 2, 30 * (n % 2) + 29), capacity=args.capacity)
            for n in range(args.slots)])
        for day in (popular, reference):
            OfficeDay.objects.create(office=office, date=day, is_open=True, reason="热门日期加开")
        slots += open_slots(office, popular)
        reference_slots += open_slots(office, reference)
        offices.append(office)
    return offices, slots, reference_slots


def make_requests(count: int, slot_ids: list[int], seed: int, first_sequence: int = 1) -> list[dict]:
    """Distinct couples (identity numbers from ``first_sequence`` on), each for a random slot of ``slot_ids``."""
    from minzheng.registry.idcard import generate_id_number

    rng = random.Random(seed)
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
    bodies = []
    for n in range(count):
        born_a = datetime.date(1980, 1, 1) + datetime.timedelta(days=n % 5000)
        born_b = datetime.date(1983, 1, 1) + datetime.timedelta(days=n % 5000)
        sequence = first_sequence + n // 5000
        bodies.append({
            "slot": rng.choice(slot_ids),
            "party_a_name": "张" + given[n % len(given)] + given[(n // 21) % len(given)],
            "party_a_id_number": generate_id_number("120101", born_a, "1", sequence),
            "party_b_name": "李" + given[(n + 5) % len(given)] + given[(n // 21 + 3) % len(given)],
            "party_b_id_number": generate_id_number("120103", born_b, "2", sequence),
            "phone": f"139{n:08d}",
        })
    return bodies


def captured_statements(slot_id: int) -> list[str]:
    """The SQL of one booking as the API view runs it (the slot read, then the service), in a warm process;
    a throw-away booking, rolled back: what the reference reproduces."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from minzheng.marriage.booking import BookingParty, book_appointment
    from minzheng.marriage.models import Slot
    from minzheng.registry.idcard import generate_id_number

    class Undo(Exception):
        pass

    parties = {"party_a": BookingParty("王测试", generate_id_number("120101", datetime.date(1970, 1, 1), "1", 499)),
               "party_b": BookingParty("赵测试", generate_id_number("120101", datetime.date(1970, 1, 2), "2", 499))}
    for _run in range(2):  # the second run, once the content type is cached as in a serving worker
        with CaptureQueriesContext(connection) as captured:
            try:
                with transaction.atomic():
                    slot = Slot.objects.select_related("office__division").get(pk=slot_id)
                    book_appointment(slot, phone="13900000000", **parties)
                    raise Undo
            except Undo:
                pass
    return [query["sql"] for query in captured.captured_queries]


# The project over HTTP


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(url: str, port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "MINZHENG_MARRIAGE_BOOKINGS_PER_HOUR": "0",
           "DJANGO_SETTINGS_MODULE": "minzheng.settings"}
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "minzheng.wsgi:application", "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}", "--access-logfile", "-", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                              start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit(f"gunicorn did not start; see {log}")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


@dataclass
class Outcome:
    status: int
    code: str
    seconds: float
    finished: float  # time.perf_counter() when the answer was read


def post(port: int, body: dict) -> Outcome:
    data = json.dumps(body).encode()
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("POST", BOOK_PATH, body=data, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    connection.close()
    finished = time.perf_counter()
    return Outcome(response.status, answer.get("code", ""), finished - started, finished)


def run_clients(clients: int, bodies: list[dict], work) -> tuple[list, float, float]:
    """``work(body)`` for every body from ``clients`` threads; (the results, the seconds from start to end, the
    ``time.perf_counter()`` of the start)."""
    pending, results, lock = queue.Queue(), [], threading.Lock()
    for body in bodies:
        pending.put(body)
    start = threading.Barrier(clients + 1)

    def client():
        mine = []
        start.wait()
        while True:
            try:
                body = pending.get_nowait()
            except queue.Empty:
                break
            mine.append(work(body))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began, began


# The reference: the same statements through psycopg

_SLOT = ("SELECT s.id, s.office_id, s.service, s.date, s.starts_at, s.capacity, s.booked, o.booking_days, "
         "o.is_active, d.path FROM marriage_slot s JOIN marriage_registryoffice o ON o.id = s.office_id "
         "JOIN divisions_division d ON d.id = o.division_id WHERE s.id = %s")
_OFFICE_DAYS = "SELECT date, is_open FROM marriage_officeday WHERE office_id = %s AND date >= %s AND date <= %s"
_TAKE = "UPDATE marriage_slot SET booked = booked + 1 WHERE id = %s AND booked < capacity"
_APPOINTMENT = """INSERT INTO marriage_appointment (created_at, updated_at, remarks, number, slot_id, office_id,
    service, date, starts_at, status, party_a_name, party_a_id_number, party_b_name, party_b_id_number, phone,
    channel) VALUES (now(), now(), '', %s, %s, %s, %s, %s, %s, 'booked', %s, %s, %s, %s, %s, 'api') RETURNING id"""
_HOLDERS = "INSERT INTO marriage_activebooking (id_number, appointment_id, date) VALUES (%s, %s, %s), (%s, %s, %s)"
_LAST_EVENT = "SELECT seq, hash FROM audit_auditevent ORDER BY seq DESC LIMIT 1"
_EVENT = """INSERT INTO audit_auditevent (seq, time, actor_id, actor_name, request_id, division_path, prev_hash, hash,
    code, content_type_id, object_id, object_repr, payload) VALUES (%s, %s, NULL, '', NULL, %s, %s, %s,
    'marriage.appointment.booked', %s, %s, %s, %s)"""


def _append_event(conn, slot, appointment: int, number: str, content_type: int) -> None:
    """The audit event, as ``audit.services`` appends it: in a savepoint, under the chain's advisory lock."""
    from minzheng.audit.models import AuditEvent

    with conn.transaction():  # the savepoint of audit.services._append
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_LOCK])
        last = conn.execute(_LAST_EVENT).fetchone()
        event = AuditEvent(seq=(last[0] + 1) if last else 1, prev_hash=last[1] if last else "0" * 64,
                           time=datetime.datetime.now(datetime.UTC), actor_name="", division_path=slot[9],
                           code="marriage.appointment.booked", content_type_id=content_type,
                           object_id=str(appointment), object_repr=f"{number} · {slot[3]:%Y-%m-%d} {slot[4]:%H:%M}",
                           payload={"slot": slot[0], "date": slot[3].isoformat(), "service": slot[2],
                                    "channel": "api"})
        conn.execute(_EVENT, [event.seq, event.time, event.division_path, event.prev_hash, event.compute_hash(),
                              content_type, event.object_id, event.object_repr, json.dumps(event.payload)])


def reference_booking(conn, body: dict, *, audit: bool, content_type: int) -> str:
    """One booking as the view and the service run it, in SQL: the two reads in autocommit, then one
    transaction; "booked", or "full" (rolled back)."""
    ids = [body["party_a_id_number"], body["party_b_id_number"]]
    slot = conn.execute(_SLOT, [body["slot"]]).fetchone()
    conn.execute(_OFFICE_DAYS, [slot[1], slot[3].replace(month=1, day=1), slot[3].replace(month=12, day=31)])
    with conn.transaction():
        if conn.execute(_TAKE, [body["slot"]]).rowcount == 0:
            raise _Refused("full")
        number = "".join(secrets.choice(ALPHABET) for _n in range(10))
        appointment = conn.execute(_APPOINTMENT, [number, slot[0], slot[1], slot[2], slot[3], slot[4],
                                                  body["party_a_name"], ids[0], body["party_b_name"], ids[1],
                                                  body["phone"]]).fetchone()[0]
        conn.execute(_HOLDERS, [ids[0], appointment, slot[3], ids[1], appointment, slot[3]])
        if audit:
            _append_event(conn, slot, appointment, number, content_type)
    return "booked"


class _Refused(Exception):
    """Rolls the reference transaction back; its argument is the outcome."""


def run_reference(url: str, clients: int, bodies: list[dict], *, audit: bool) -> tuple[list, float, float]:
    from django.contrib.contenttypes.models import ContentType

    from minzheng.marriage.models import Appointment

    content_type = ContentType.objects.get_for_model(Appointment).pk
    local = threading.local()

    def work(body):
        if not hasattr(local, "conn"):
            local.conn = psycopg.connect(url, autocommit=True)
            opened.append(local.conn)
        started = time.perf_counter()
        try:
            outcome = reference_booking(local.conn, body, audit=audit, content_type=content_type)
        except _Refused as refused:
            outcome = str(refused)
        finished = time.perf_counter()
        return outcome, finished - started, finished

    opened = []
    results, seconds, began = run_clients(clients, bodies, work)
    for conn in opened:
        conn.close()
    return results, seconds, began


def reset_reference(url: str, slot_ids: list[int]) -> None:
    with psycopg.connect(url) as conn:
        appointments = "SELECT id FROM marriage_appointment WHERE slot_id = ANY(%s)"
        conn.execute(f"DELETE FROM marriage_activebooking WHERE appointment_id IN ({appointments})", [slot_ids])
        conn.execute("DELETE FROM marriage_appointment WHERE slot_id = ANY(%s)", [slot_ids])
        conn.execute("UPDATE marriage_slot SET booked = 0 WHERE id = ANY(%s)", [slot_ids])


# Checks and report


def check(url: str, slot_ids: list[int], accepted: int) -> dict:
    """Overbooked slots, and whether the accepted bookings, appointments, counters and holders agree."""
    with psycopg.connect(url) as conn:
        over = conn.execute("SELECT count(*) FROM marriage_slot WHERE id = ANY(%s) AND booked > capacity",
                            [slot_ids]).fetchone()[0]
        over_rows = conn.execute("""SELECT count(*) FROM (SELECT s.id FROM marriage_slot s JOIN marriage_appointment a
            ON a.slot_id = s.id AND a.status = 'booked' WHERE s.id = ANY(%s) GROUP BY s.id, s.capacity
            HAVING count(*) > s.capacity) t""", [slot_ids]).fetchone()[0]
        stored = conn.execute("SELECT count(*) FROM marriage_appointment WHERE slot_id = ANY(%s)",
                              [slot_ids]).fetchone()[0]
        counted = conn.execute("SELECT coalesce(sum(booked), 0) FROM marriage_slot WHERE id = ANY(%s)",
                               [slot_ids]).fetchone()[0]
        holders = conn.execute("""SELECT count(*) FROM marriage_activebooking h JOIN marriage_appointment a
            ON a.id = h.appointment_id WHERE a.slot_id = ANY(%s)""", [slot_ids]).fetchone()[0]
        capacity = conn.execute("SELECT sum(capacity) FROM marriage_slot WHERE id = ANY(%s)", [slot_ids]).fetchone()[0]
    return {"overbooked": over + over_rows, "accepted": accepted, "stored": stored, "counted": counted,
            "holders": holders, "capacity": capacity,
            "consistent": accepted == stored == counted and holders == 2 * stored}


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.1f}" if seconds > 0 else "—"


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def main() -> None:
    args = parse_args()
    url = prepare_database()
    setup_django(url)
    offices, slots, reference_slots = setup_offices(args)
    slot_ids, reference_ids = [s.pk for s in slots], [s.pk for s in reference_slots]
    statements = captured_statements(slot_ids[0])
    bodies = make_requests(args.requests, slot_ids, args.seed)
    port = args.port or free_port()
    log = Path(tempfile.gettempdir()) / "minzheng-bench-gunicorn.log"
    server = start_gunicorn(url, port, args.workers, log)
    try:
        # warm up: every worker imports the project on its first request (an empty body is a quick 400)
        run_clients(args.workers * 2, [{}] * (args.workers * 8), lambda body: post(port, body))
        outcomes, seconds, began = run_clients(args.clients, bodies, lambda body: post(port, body))
    finally:
        stop(server)
    booked = [o for o in outcomes if o.status == 201]
    project = check(url, slot_ids, len(booked))
    codes = statistics.multimode([o.code for o in outcomes if o.status != 201]) if len(booked) < len(outcomes) else []

    reference_bodies = make_requests(args.requests, reference_ids, args.seed + 1, first_sequence=200)
    references = {}
    for audit in (True, False):
        reset_reference(url, reference_ids)
        results, ref_seconds, ref_began = run_reference(url, args.clients, reference_bodies, audit=audit)
        done = [r for r in results if r[0] == "booked"]
        references[audit] = (results, ref_seconds, ref_began, check(url, reference_ids, len(done)))

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"\nAppointment benchmark, {datetime.date.today():%Y-%m-%d}: PostgreSQL {server_version(url)}, "  # noqa: DTZ011
          f"{os.cpu_count()} CPUs, {memory:.0f} GiB, Python {platform.python_version()}; gunicorn {args.workers} "
          f"sync workers, {args.clients} clients")
    print(f"Popular date {slots[0].date}: {len(offices)} offices × {args.slots} slots × {args.capacity} places = "
          f"{project['capacity']} places; {len(bodies)} booking requests of distinct couples")
    print(f"One booking runs {len(statements)} SQL statements (the capture's own SAVEPOINT and ROLLBACK stand for "
          "the request's BEGIN and COMMIT):")
    for statement in statements:
        print(f"    {statement[:110]}")
    latencies = [o.seconds * 1000 for o in outcomes]
    booked_latencies = [o.seconds * 1000 for o in booked]
    print("\nProject over HTTP (POST /api/marriage/public/appointments/):")
    print(f"  answered           : {len(outcomes)} in {seconds:.2f} s = {len(outcomes) / seconds:,.0f} requests/s")
    filling = max((o.finished for o in booked), default=began) - began
    print(f"  booked (201)       : {len(booked)}, the last after {filling:.2f} s = {rate(len(booked), filling)} "
          f"bookings/s while places were left; refused: {len(outcomes) - len(booked)} ({', '.join(codes) or '—'})")
    print(f"  latency, all       : p50 {percentile(latencies, .5):.1f} ms, p99 {percentile(latencies, .99):.1f} ms")
    print(f"  latency, bookings  : p50 {percentile(booked_latencies, .5):.1f} ms, "
          f"p99 {percentile(booked_latencies, .99):.1f} ms")
    print(f"  overbooked slots   : {project['overbooked']}")
    print(f"  201s / stored / slot counters / holders÷2: {project['accepted']} / {project['stored']} / "
          f"{project['counted']} / {project['holders'] // 2} -> {'consistent' if project['consistent'] else 'LOST'}")
    print("\nReference: the same SQL through psycopg, one transaction per request, same concurrency:")
    for audit, (results, ref_seconds, ref_began, result) in references.items():
        label = "with the audit event   " if audit else "without the audit event"
        done = [r for r in results if r[0] == "booked"]
        times = [r[1] * 1000 for r in done]
        filling = max((r[2] for r in done), default=ref_began) - ref_began
        print(f"  {label}: {len(results) / ref_seconds:,.0f} transactions/s overall, {rate(len(done), filling)} "
              f"bookings/s while places were left; bookings p50 {percentile(times, .5):.1f} ms, "
              f"p99 {percentile(times, .99):.1f} ms; overbooked {result['overbooked']}, "
              f"{'consistent' if result['consistent'] else 'LOST'}")
    failed = project["overbooked"] or not project["consistent"] or any(
        r[3]["overbooked"] or not r[3]["consistent"] for r in references.values())
    if failed:
        print("FAILED: overbooking or a lost booking")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
