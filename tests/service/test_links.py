from service.links import position_url


def test_position_url_names_its_channel_and_ignores_a_trailing_slash():
    assert position_url("https://jobs.example.org/", 7, "alert") == "https://jobs.example.org/app/positions/7?channel=alert"
    assert position_url("https://jobs.example.org", 7, None) == "https://jobs.example.org/app/positions/7"
    assert position_url("https://jobs.example.org", 7, "direct") == "https://jobs.example.org/app/positions/7"
