"""`db copy --to URL`: this whole database into another, empty store — a laptop's file onto the
department's server, or the server into a local file for a machine going offline."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from advisor.model.database import engine_for, resolve_location, sqlite_file
from advisor.model.database_copy import CopyReport, copy_into, remove_sqlite, shown, snapshot
from advisor.model.errors import DatabaseError, ValidationError
from advisor.model.roles import Role
from advisor.model.server_connection import explain_failure
from advisor.model.services.service_base import Service

log = logging.getLogger(__name__)


class StoreCopyService(Service):
    def copy_to(self, location: str) -> CopyReport:
        """Copy every table into the empty store at `location` (a path or a SQLAlchemy URL), in
        one transaction there, checked before it commits; the copy holds its own event."""
        self._require_role(Role.ADMINISTRATOR, "copying the database")
        url = resolve_location(location)
        file = sqlite_file(url)
        self._refuse_target(url, file)
        if not self._db.read_only:
            with self._db.begin() as session:
                self._record(session, "database.copy", shown(url), summary="the whole database")
        created = file is not None and not file.exists()
        engine = engine_for(url, label="a copy into this database")
        try:
            try:
                with snapshot(self._db.engine) as source, engine.begin() as target:
                    return copy_into(source, target, target_url=url)
            except OperationalError as exc:
                raise explain_failure(exc.orig, shown(url)) from exc
            except SQLAlchemyError as exc:
                log.exception("the copy into %s failed", shown(url))
                raise DatabaseError(
                    f"The copy into {shown(url)} failed and was undone ({type(exc).__name__}); "
                    "the details are in the log."
                ) from exc
        except BaseException:
            engine.dispose()
            if created and file is not None:
                remove_sqlite(file)  # a failed copy into a new file leaves no file behind
            raise
        finally:
            engine.dispose()

    def _refuse_target(self, url: str, file: Path | None) -> None:
        here = self._db.file
        if file is not None:
            if here is not None and file.resolve() == here.resolve():
                raise ValidationError("That is this database itself: copy into another one.")
            if file.is_dir():
                raise ValidationError(f"{file} is a folder: give the copy a file name.")
            if not file.parent.is_dir():
                raise ValidationError(f"The folder {file.parent} does not exist.")
        elif shown(url) == shown(self._db.url):
            raise ValidationError("That is this database itself: copy into another one.")
