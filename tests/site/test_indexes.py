"""The indexes' order: people by surname with particles set aside, letters without case or accents."""

from __future__ import annotations

from sitegen.site.indexes import OTHER, by_initial, surname_key, title_key


def test_people_sort_by_surname_with_particles_set_aside() -> None:
    names = [
        "Vincent van Gogh", "Bashar al-Assad", "Charles de Gaulle", "Ursula von der Leyen", "Helen Okafor",
        "Madonna", "Recep Tayyip Erdoğan", "Lula da Silva", "Martin Luther King Jr.", "Tomás Brennan",
    ]  # fmt: skip
    assert sorted(names, key=surname_key) == [
        "Bashar al-Assad", "Tomás Brennan", "Recep Tayyip Erdoğan", "Charles de Gaulle", "Vincent van Gogh",
        "Martin Luther King Jr.", "Ursula von der Leyen", "Madonna", "Helen Okafor", "Lula da Silva",
    ]  # fmt: skip


def test_people_of_one_surname_sort_by_their_given_names() -> None:
    costas = ["Maria Costa", "Ana Costa", "Anna Costa"]
    assert sorted(costas, key=surname_key) == ["Ana Costa", "Anna Costa", "Maria Costa"]


def test_letters_ignore_case_and_accents_and_names_without_one_go_under_other() -> None:
    runs = by_initial([("Ökonomou", 1), ("oil", 3), ("2024 election", 2), ("Élysée", 1)], title_key)
    assert runs == [(OTHER, [("2024 election", 2)]), ("E", [("Élysée", 1)]), ("O", [("oil", 3), ("Ökonomou", 1)])]
