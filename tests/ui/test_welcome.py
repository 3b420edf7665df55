"""First run: an empty database gets the welcome page; the demo loads behind it."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from advisor.ui.app import build_window
from advisor.ui.welcome_screen import WelcomeScreen, is_first_run


def make(qtbot, services, tmp_path):  # type: ignore[no-untyped-def]
    window = build_window(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def test_explore_with_demo_data_loads_it_and_opens_students(
    qtbot, services, tmp_path, inline_tasks
):
    assert is_first_run(services)
    window = make(qtbot, services, tmp_path)
    welcome = window.stack.currentWidget()
    assert isinstance(welcome, WelcomeScreen)
    with qtbot.waitSignal(welcome.demo_loaded, timeout=60_000):
        welcome.demo_button.click()  # inline: the load and the cohort audit end before teardown
    assert not is_first_run(services)
    assert window.current_title() == "Students"
    students = window.current_screen()
    assert students.list.model.rowCount() == len(services.students.list()) > 0


def test_set_up_my_institution_is_a_guided_setup_that_ends_with_students(
    qtbot, services, samples, tmp_path, inline_tasks, monkeypatch
):
    from advisor.ui import confirm
    from advisor.ui.setup_guide import SetupGuide

    window = make(qtbot, services, tmp_path)
    window.stack.currentWidget().setup_button.click()
    guide = window.stack.currentWidget()
    assert isinstance(guide, SetupGuide) and window.current_title() is None
    assert guide.heading.text() == "Step 1 of 5: Your institution"
    guide.name_edit.setText("Government College University")
    guide.code_edit.setText("GCU")
    guide.prefix_edit.setText("GCU/CERT")
    guide.act_button.click()
    assert services.institution.get().code == "GCU"  # saved as the step is done
    assert "Next: signatories" in guide.result.text()
    guide.skip_button.click()  # each step can be skipped; the next is offered
    assert guide.heading.text().startswith("Step 3 of 5: Credit policy")
    assert "Signatories: skipped. Next: credit policy." == guide.result.text()
    # The sample policy is of another institution (DIST): asked, and replacing when told to.
    asked: list[str] = []
    monkeypatch.setattr(confirm, "confirm", lambda p, t, text, **k: asked.append(text) or True)
    guide.import_file(samples / "policy.json")
    assert asked and "GCU" in asked[0] and "DIST" in asked[0]
    assert services.policy.institution().code == "DIST"
    assert [d.code for d in services.policy.degrees()] == ["BBA", "BSCS"]
    guide.import_file(samples / "roster.csv")
    assert guide.heading.text().startswith("Step 5 of 5")
    guide.import_file(samples / "coursera-usage-report.csv")
    assert guide.finished_all and "Student roster" in guide.summary.text()
    guide.act_button.click()
    assert window.current_title() == "Students"
    assert window.current_screen().list.model.rowCount() == 10


def test_a_refused_step_says_why_and_can_be_skipped(qtbot, services, samples, inline_tasks):
    from advisor.ui.setup_guide import SetupGuide

    guide = SetupGuide(services, choose_file=lambda parent, title, filter: samples / "roster.csv")
    qtbot.addWidget(guide)
    guide.act_button.click()  # an empty institution form
    assert "name is empty" in guide.result.text() and guide.step == 0
    guide.skip_button.click()
    guide.skip_button.click()
    guide.skip_button.click()  # no policy: the roster's degrees are unknown
    guide.act_button.click()  # the injected chooser picks the roster
    assert guide.step == 3 and "not imported" in guide.result.text()
    assert services.students.list() == []
    guide.go_to(2)  # a roster chosen at the policy step is not imported as a roster
    guide.act_button.click()
    assert guide.step == 2 and "not a credit policy" in guide.result.text()


def test_ctrl_i_opens_imports(qtbot, department, tmp_path):
    window = make(qtbot, department, tmp_path)
    window.open_imports()
    assert window.current_title() == "Imports"


def test_every_empty_screen_says_what_to_do(qtbot, services, samples, inline_tasks):
    from advisor.ui.letters_screen import LettersScreen
    from advisor.ui.policy_screen import PolicyScreen
    from advisor.ui.students_screen import StudentsScreen

    students = StudentsScreen(services)
    qtbot.addWidget(students)
    students.refresh()
    assert students.empty_hint.isVisibleTo(students) and "Import the roster" in (
        students.empty_hint.text()
    )
    policy = PolicyScreen(services)
    qtbot.addWidget(policy)
    assert "Import policy JSON" in policy.status.text()
    letters = LettersScreen(services)
    qtbot.addWidget(letters)
    assert "import a policy file" in letters.summary.text()
    services.policy.import_file(samples / "policy.json")
    letters.refresh()
    assert "import the roster" in letters.summary.text()
    services.students.import_roster(samples / "roster.csv")
    students.refresh()
    assert not students.empty_hint.isVisibleTo(students)
