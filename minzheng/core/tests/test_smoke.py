from django.urls import reverse


def test_home_shows_area_cards(client, hp_admin, tree):
    client.force_login(hp_admin)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "和平区" in response.content.decode()


def test_healthz_reports_database_and_queue(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["jobs"]["ok"] is True
