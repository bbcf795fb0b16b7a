"""`minzheng serve`: the production WSGI server (gunicorn) with a job worker beside it."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with gunicorn and run a Huey job worker beside it; stop both together."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("MINZHENG_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "3")))
        parser.add_argument("--no-worker", action="store_true", help="Do not start the job worker.")

    def handle(self, *args, bind, workers, no_worker, **options):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "minzheng.settings")}
        children = []
        if not no_worker:
            children.append(subprocess.Popen([sys.executable, "-m", "minzheng", "run_huey"], env=env))
        children.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "minzheng.wsgi:application", "--bind", bind, "--workers", str(workers),
             "--access-logfile", "-", "--graceful-timeout", "10"],
            env=env,
        ))
        self.stdout.write(f"Minzheng is serving on http://{bind}/ (Ctrl-C to stop)")
        self._supervise(children)

    def _supervise(self, children):
        """Wait until a child exits or we are told to stop, then stop every child."""
        stop = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.append(True))
        try:
            while not stop and all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        codes = [child.returncode for child in children]
        if not stop and any(codes):
            sys.exit(1)
