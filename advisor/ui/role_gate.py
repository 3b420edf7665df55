"""The UI hides what the signed-in role cannot do. A widget is marked with the lowest role that
may use it (`needs`); `apply_role` shows or hides every marked widget under a root. The services
check again: hiding is for clarity, not for security."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from advisor.model.roles import Actor, Role

ROLE_PROPERTY = "sanadNeedsRole"


def needs(role: Role, *widgets: QWidget) -> None:
    for widget in widgets:
        widget.setProperty(ROLE_PROPERTY, int(role))


def allowed(widget: QWidget, actor: Actor | None) -> bool:
    needed = widget.property(ROLE_PROPERTY)
    return needed is None or (actor is not None and int(actor.role) >= int(needed))


def apply_role(root: QWidget, actor: Actor | None) -> None:
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(ROLE_PROPERTY) is not None:
            widget.setVisible(allowed(widget, actor))
