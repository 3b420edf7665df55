# Sanad: only the Qt plugins it uses (sanad_qt.py).
from sanad_qt import qt_dependencies

hiddenimports, binaries, datas = qt_dependencies(__file__)
