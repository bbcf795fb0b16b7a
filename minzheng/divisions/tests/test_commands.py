import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from minzheng.audit.models import AuditEvent
from minzheng.divisions.events import DivisionEvent
from minzheng.divisions.models import Division
from minzheng.divisions.services import load_reference

GOOD = "代码,名称,城乡分类\n120117100000,芦台镇,\n120117100201,东村,220\n"
BAD = "120117100000,芦台镇,\n120117100201,东村,999\n120117199001,某社区,111\n"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("divisions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def reference(db):
    load_reference()


def test_load_reference_prints_counts_and_is_idempotent(db):
    first, _err = run("load-reference")
    second, _err = run("load-reference")

    assert first == "Reference divisions: 23 units created, 4 changes created, 0 updated, 4 applied.\n"
    assert second == "Reference divisions: 0 units created, 0 changes created, 0 updated, 0 applied.\n"
    assert Division.objects.count() == 23


def test_import_of_a_good_file_exits_0_and_prints_counts(reference, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_bytes(GOOD.encode("utf-8-sig"))

    out, err = run("import", str(path))

    assert (out, err) == ("Imported 2 rows: 2 created, 0 renamed, 0 unchanged.\n", "")
    assert Division.objects.get(code="120117100201").parent.code == "120117100000"
    assert AuditEvent.objects.get(code=DivisionEvent.CODES_IMPORTED).actor is None


def test_import_of_a_gb18030_file(reference, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_bytes(GOOD.encode("gb18030"))

    run("import", str(path))

    assert list(Division.objects.filter(code__startswith="120117100").values_list("name", flat=True)) == [
        "芦台镇", "东村"]


def test_import_of_a_bad_file_prints_the_bad_rows_and_exits_1(reference, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text(BAD, encoding="utf-8")
    err = io.StringIO()

    with translation.override("en"), pytest.raises(CommandError) as excinfo:
        call_command("divisions", "import", str(path), stdout=io.StringIO(), stderr=err)

    assert excinfo.value.returncode == 1
    assert str(excinfo.value) == "2 bad rows; nothing was imported."
    assert err.getvalue() == ("2\t120117100201\tunknown urban-rural class 999\n"
                              "3\t120117199001\tunknown parent division 120117199000\n")
    assert not Division.objects.filter(code__startswith="120117100").exists()
    assert not AuditEvent.objects.filter(code=DivisionEvent.CODES_IMPORTED).exists()


def test_import_of_a_missing_file_exits_1(reference, tmp_path):
    with pytest.raises(CommandError) as excinfo:
        run("import", str(tmp_path / "missing.csv"))

    assert excinfo.value.returncode == 1


def test_import_of_an_undecodable_file_exits_1(reference, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_bytes(b"\x80\xff\xfe")

    with pytest.raises(CommandError) as excinfo:
        run("import", str(path))

    assert (excinfo.value.returncode, str(excinfo.value)) == (1, "The file is neither UTF-8 nor GB18030 text.")
