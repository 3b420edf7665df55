"""Start the desktop app over open services."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from advisor.model.services import Services


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setWindowTitle("Sanad — certification advisor")
        summary = services.catalog.summary()
        self.setCentralWidget(
            QLabel(f"{summary.programs} programs and {summary.courses} courses in the catalog.")
        )
        self.statusBar().showMessage(
            f"Database: {services.db.file or services.db.url}   ·   Catalog {summary.version}"
        )
        self.resize(1280, 800)


def run_app(services: Services, screenshot_dir: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(services)
    window.show()
    if screenshot_dir is not None:
        screenshot_dir.mkdir(parents=True, exist_ok=True)
        app.processEvents()
        window.grab().save(str(screenshot_dir / "main.png"))
        return 0
    return app.exec()
