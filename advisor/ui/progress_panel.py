"""A progress bar, a line of text and a Cancel button that follow one background task.

Shown inside the screen that started the work (not a modal dialog), so the rest of the window
stays usable and nothing pumps the event loop.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from advisor.ui.tasks import TaskHandle


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName("Progress")
        self.message = QLabel(self)
        self.message.setAccessibleName("Progress message")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 2)
        layout.addWidget(self.message, 3)
        layout.addWidget(self.cancel_button)
        self._handle: TaskHandle | None = None
        self.hide()

    def follow(
        self, handle: TaskHandle, message: str = "Working…", *, cancellable: bool = True
    ) -> None:
        """Show the task's progress until it ends (at once, when it already ended inline).
        `cancellable=False` for work that cannot stop half-way (a database copy)."""
        if handle.is_finished:
            return
        self._handle = handle
        self.bar.setRange(0, 0)  # busy until the first report gives a total
        self.message.setText(message)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setVisible(cancellable)
        handle.progressed.connect(self._progressed)
        # A task whose result starts the next one (read, then check) ends after the next is
        # followed: only the handle followed now may hide the panel.
        handle.finished.connect(lambda: self._finished(handle))
        self.show()

    @property
    def running(self) -> bool:
        return self._handle is not None

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText("Stopping…")

    def _progressed(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if message:
            self.message.setText(message)

    def _finished(self, handle: TaskHandle) -> None:
        if handle is not self._handle:
            return
        self._handle = None
        self.hide()
