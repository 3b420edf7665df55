"""Policy: the department's degrees, their credit policy per intake year and requirement slots.

The screen edits a working copy in the policy file's JSON shape; Save hands it to the
PolicyService, which checks it exactly as it checks an imported file. A refused save lists its
problems; clicking one selects the entry it names.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError, Problem, ValidationError
from advisor.model.services import Services
from advisor.model.services.policy_service import InstitutionMismatch
from advisor.ui.confirm import confirm
from advisor.ui.errors import show_error
from advisor.ui.policy_editors import (
    DegreeEditor,
    Key,
    PolicyEditor,
    SlotEditor,
    named_problem,
    problem_key,
)
from advisor.ui.replace_institution import ask_replace_institution
from advisor.ui.screen import Change, Screen

PATH_ROLE = int(Qt.ItemDataRole.UserRole)


class PolicyScreen(Screen):
    reads = Change.POLICY | Change.CATALOG | Change.INSTITUTION

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setAccessibleName("Policy")
        self.doc: dict[str, Any] = {"degrees": []}
        self.dirty = False

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Degrees, policy years and requirement slots")
        self.tree.setHeaderLabels(["Degree · intake year · slot", "Credits"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._selected)

        programs = [(p.slug, p.title) for p in services.catalog.list().programs]
        self.degree_editor = DegreeEditor(self)
        self.policy_editor = PolicyEditor(self)
        self.slot_editor = SlotEditor(programs, self)
        self.hint = QLabel("Choose a degree, a policy year or a slot to edit it.", self)
        self.hint.setWordWrap(True)
        self.editors = QStackedWidget(self)
        for page in (self.hint, self.degree_editor, self.policy_editor, self.slot_editor):
            self.editors.addWidget(page)
        for editor in (self.degree_editor, self.policy_editor, self.slot_editor):
            editor.changed.connect(self._edited)

        self.problems = QListWidget(self)
        self.problems.setAccessibleName("Problems that stop saving")
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)
        self.problems.setMaximumHeight(140)
        self.problems.hide()

        self.add_degree_button = self._button("Add degree", self.add_degree)
        self.add_year_button = self._button("Add policy year", self.add_policy_year)
        self.add_slot_button = self._button("Add slot", self.add_slot)
        self.remove_button = self._button("Remove", self.remove_selected)
        self.import_button = self._button("Import policy JSON…", self.choose_import_file)
        self.export_button = self._button("Export policy JSON…", self.choose_export_file)
        self.revert_button = self._button("Revert", self.reload)
        self.save_button = self._button("&Save changes", self.save)
        self.status = QLabel(self)
        self.status.setAccessibleName("Policy status")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        for button in (self.add_degree_button, self.add_year_button, self.add_slot_button):
            top.addWidget(button)
        top.addWidget(self.remove_button)
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editors, 1)
        right_layout.addWidget(self.problems)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 630])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.reload()

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        return button

    # --- the working copy ----------------------------------------------------------------

    def reload(self) -> None:
        doc = self._services.policy.current()
        doc.pop("institution", None)  # edited in Settings; never overwritten from here
        self.doc = doc
        self.degree_editor.saved_codes = {d["code"].upper() for d in doc["degrees"]}
        self._set_dirty(False)
        self._clear_problems()
        self._rebuild(None)
        if not doc["degrees"]:
            self.status.setText(
                "No credit policy yet: Import policy JSON… (the file your Controller of "
                "Examinations keeps), or Add degree to write one here."
            )

    def entry(self, key: Key) -> dict[str, Any]:
        degree = self.doc["degrees"][key[0]]
        if len(key) == 1:
            return degree
        policy = degree["policies"][key[1]]
        return policy if len(key) == 2 else policy["requirements"][key[2]]

    def _rebuild(self, select: Key | None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for i, degree in enumerate(self.doc["degrees"]):
            d_item = self._item(self.tree, (i,))
            for j, policy in enumerate(degree.get("policies", [])):
                p_item = self._item(d_item, (i, j))
                for k, _slot in enumerate(policy.get("requirements", [])):
                    self._item(p_item, (i, j, k))
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if select is not None:
            chosen = self._find(select)
        # Qt takes None (nullptr) to clear the current item; the stubs leave None out
        self.tree.setCurrentItem(chosen)  # type: ignore[arg-type]
        self._selected(chosen)

    def _item(self, parent: QTreeWidget | QTreeWidgetItem, key: Key) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent)
        item.setData(0, PATH_ROLE, key)
        self._label(item)
        return item

    def _label(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, PATH_ROLE)
        entry = self.entry(key)
        if len(key) == 1:
            item.setText(0, f"{entry.get('code', '')} — {entry.get('title', '')}")
            item.setText(1, str(entry.get("total_credits", "")))
        elif len(key) == 2:
            item.setText(0, f"Intakes from {entry.get('catalog_year', '')}")
            item.setText(1, f"cap {entry.get('credit_cap', '')}")
        else:
            kind = "mandatory" if entry.get("kind") == "mandatory" else "elective"
            item.setText(0, f"{entry.get('id', '')}: {entry.get('title', '')} ({kind})")
            item.setText(1, str(entry.get("credits", "")))

    def _find(self, key: Key) -> QTreeWidgetItem | None:
        for item in self._all_items():
            if item.data(0, PATH_ROLE) == key:
                return item
        return None

    def _all_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        # Qt returns None only for an index out of range, and every index here is in range.
        pending = [
            cast(QTreeWidgetItem, self.tree.topLevelItem(n))
            for n in range(self.tree.topLevelItemCount())
        ]
        while pending:
            item = pending.pop(0)
            found.append(item)
            pending.extend(cast(QTreeWidgetItem, item.child(n)) for n in range(item.childCount()))
        return found

    def selected_key(self) -> Key | None:
        item = self.tree.currentItem()
        return tuple(item.data(0, PATH_ROLE)) if item is not None else None

    def _selected(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        key = tuple(item.data(0, PATH_ROLE)) if item is not None else None
        editor = {1: self.degree_editor, 2: self.policy_editor, 3: self.slot_editor}.get(
            len(key) if key else 0
        )
        if key is None or editor is None:
            self.editors.setCurrentWidget(self.hint)
        else:
            editor.load(self.entry(key))
            self.editors.setCurrentWidget(editor)
        self.add_year_button.setEnabled(key is not None)
        self.add_slot_button.setEnabled(key is not None and len(key) >= 2)
        self.remove_button.setEnabled(key is not None and self._removable(key))

    def _removable(self, key: Key) -> bool:
        if len(key) > 1:
            return True
        return self.entry(key).get("code", "").upper() not in self.degree_editor.saved_codes

    def _edited(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._label(item)
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.status.setText("Unsaved changes." if dirty else "")

    # --- adding and removing -------------------------------------------------------------

    def add_degree(self) -> None:
        self.doc["degrees"].append(
            {"code": "NEW", "title": "New degree", "total_credits": 130, "policies": []}
        )
        self._set_dirty(True)
        self._rebuild((len(self.doc["degrees"]) - 1,))

    def add_policy_year(self) -> None:
        """A new year starts as a copy of the newest one: most years change only a little."""
        key = self.selected_key()
        if key is None:
            return
        policies = self.entry(key[:1]).setdefault("policies", [])
        if policies:
            newest = max(policies, key=lambda p: p.get("catalog_year", 0))
            fresh = copy.deepcopy(newest)
            fresh["catalog_year"] = int(newest.get("catalog_year", 2025)) + 1
        else:
            fresh = {"catalog_year": 2025, "credit_cap": 6, "exclusive": [], "requirements": []}
        policies.append(fresh)
        self._set_dirty(True)
        self._rebuild((key[0], len(policies) - 1))

    def add_slot(self) -> None:
        key = self.selected_key()
        if key is None or len(key) < 2:
            return
        slots = self.entry(key[:2]).setdefault("requirements", [])
        slots.append(
            {
                "id": f"CERT-{len(slots) + 1}",
                "title": "New requirement",
                "kind": "elective",
                "credits": 3,
                "choose": 1,
                "from": [],
            }
        )
        self._set_dirty(True)
        self._rebuild((key[0], key[1], len(slots) - 1))

    def remove_selected(self) -> None:
        key = self.selected_key()
        if key is None or not self._removable(key):
            return
        if len(key) == 3:
            del self.entry(key[:2])["requirements"][key[2]]
            self._set_dirty(True)
            self._rebuild(key[:2])
        elif len(key) == 2:
            self._remove_policy_year(key)
        else:
            del self.doc["degrees"][key[0]]
            self._set_dirty(True)
            self._rebuild(None)

    def _remove_policy_year(self, key: Key) -> None:
        """A saved year is removed from the database at once (after asking); a new one simply goes."""
        degree, policy = self.entry(key[:1]), self.entry(key)
        saved = self._services.policy.degrees()
        saved_years = {d.code: d.policy_years for d in saved}.get(degree["code"], ())
        year = policy.get("catalog_year")
        if year in saved_years:
            answer = confirm(
                self,
                "Remove policy year",
                f"Remove the {degree['code']} policy for intakes from {year}? Students of those "
                "intakes will be audited under the previous year's policy.",
            )
            if not answer:
                return
            try:
                self._services.policy.remove_policy_year(degree["code"], int(year))
            except AdvisorError as exc:
                show_error(exc, self)
                return
        del degree["policies"][key[1]]
        self._set_dirty(True)
        self._rebuild(key[:1])

    # --- saving, importing, exporting ----------------------------------------------------

    def save(self) -> bool:
        key = self.selected_key()
        try:
            result = self._services.policy.save_edited(copy.deepcopy(self.doc))
        except ValidationError as exc:
            self._show_problems(exc.problems or (Problem(str(exc)),))
            return False
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self.wrote.emit(Change.POLICY)
        self.reload()
        if key is not None and self._find(key) is not None:
            self._rebuild(key)
        self.status.setText(f"Saved: {result.policies_written} policies written.")
        return True

    def _show_problems(self, problems: tuple[Problem, ...]) -> None:
        self.problems.clear()
        for problem in problems:
            key = problem_key(problem)
            item = QListWidgetItem(named_problem(self.doc, problem))
            if key is not None:
                item.setData(PATH_ROLE, key)
            self.problems.addItem(item)
        self.problems.show()
        self.status.setText(
            f"Not saved: {len(problems)} problem(s) to fix (click one to go there)."
        )

    def _clear_problems(self) -> None:
        self.problems.clear()
        self.problems.hide()

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        key = item.data(PATH_ROLE)
        found = self._find(tuple(key)) if key else None
        if found is not None:
            self.tree.setCurrentItem(found)

    def choose_import_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import policy", "", "Policy files (*.json)")
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> bool:
        discard = "Importing replaces the unsaved changes on this screen. Continue?"
        if self.dirty and not confirm(self, "Import policy", discard):
            return False
        try:
            try:
                result = self._services.policy.import_file(path)
            except InstitutionMismatch as mismatch:
                if not ask_replace_institution(self, mismatch):
                    return False
                result = self._services.policy.import_file(path, replace_institution=True)
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self.wrote.emit(Change.POLICY | Change.INSTITUTION)
        self.reload()
        self.status.setText(result.describe())
        return True

    def choose_export_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export policy", "policy.json", "JSON (*.json)")
        if name:
            self.export_file(Path(name))

    def export_file(self, path: Path) -> bool:
        try:
            self._services.policy.export_file(path)
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        note = " (saved policies only)" if self.dirty else ""
        self.status.setText(f"Exported to {path}{note}.")
        return True

    # --- main window hooks -----------------------------------------------------------------

    def refresh(self) -> None:
        """Stale: pick up policies saved elsewhere, unless there are unsaved edits here (then
        stay stale: Save or Revert reads them)."""
        if self.dirty:
            self.note_changes(Change.POLICY)
            return
        key = self.selected_key()
        self.reload()
        if key is not None and self._find(key) is not None:
            self._rebuild(key)

    def open_entry(self, key: Key) -> bool:
        """Select the degree, policy year or slot at `key`, if there is one."""
        if self._find(key) is None:
            return False
        self._rebuild(key)
        return True
