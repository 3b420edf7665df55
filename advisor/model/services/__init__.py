"""Services: the one API of the UI and the command line. One method per user action, one
transaction each, frozen dataclasses out, AdvisorError subclasses for what a person can fix."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.model.database import Database, open_database
from advisor.model.services.account_service import AccountService
from advisor.model.services.audit_service import AuditService
from advisor.model.services.backup_service import BackupService
from advisor.model.services.catalog_edit_service import CatalogEditService
from advisor.model.services.catalog_service import CatalogService
from advisor.model.services.certificate_check_service import CertificateCheckService
from advisor.model.services.connection_service import ConnectionService
from advisor.model.services.document_service import DocumentService
from advisor.model.services.exception_service import ExceptionService
from advisor.model.services.history_service import HistoryService
from advisor.model.services.import_service import ImportService, standard_importers
from advisor.model.services.institution_service import InstitutionService
from advisor.model.services.letter_service import LetterService
from advisor.model.services.notes_service import NotesService
from advisor.model.services.plan_service import PlanService
from advisor.model.services.policy_service import PolicyService
from advisor.model.services.progress_service import ProgressService
from advisor.model.services.signing_key_service import SigningKeyService
from advisor.model.services.store_copy_service import StoreCopyService
from advisor.model.services.student_service import StudentService
from advisor.model.services.trust_service import TrustService
from advisor.model.signing.keychain import Keychain


@dataclass(frozen=True)
class Services:
    db: Database
    keychain: Keychain
    catalog: CatalogService
    students: StudentService
    policy: PolicyService
    progress: ProgressService
    backup: BackupService
    audit: AuditService
    exceptions: ExceptionService
    plans: PlanService
    notes: NotesService
    institution: InstitutionService
    letters: LetterService
    documents: DocumentService
    imports: ImportService
    catalog_edits: CatalogEditService
    keys: SigningKeyService
    trust: TrustService
    accounts: AccountService
    history: HistoryService
    certificates: CertificateCheckService
    store_copy: StoreCopyService
    connection: ConnectionService

    @classmethod
    def over(cls, db: Database, keychain: Keychain | None = None) -> Services:
        """Every service shares `db.seat`: signing in (accounts.sign_in) sets who they act for."""
        plans = PlanService(db)
        keychain = keychain or Keychain()  # the keys unlocked in this session, for every service
        students, policy = StudentService(db), PolicyService(db, keychain)
        catalog, progress = CatalogService(db), ProgressService(db)
        return cls(
            db=db,
            keychain=keychain,
            catalog=catalog,
            students=students,
            policy=policy,
            progress=progress,
            backup=BackupService(db),
            audit=AuditService(db),
            exceptions=ExceptionService(db),
            plans=plans,
            notes=NotesService(db),
            institution=InstitutionService(db),
            letters=LetterService(db, keychain),
            keys=SigningKeyService(db, keychain),
            trust=TrustService(db, keychain),
            documents=DocumentService(db, plans),
            imports=ImportService(db, standard_importers(students, policy, catalog, progress)),
            catalog_edits=CatalogEditService(db),
            accounts=AccountService(db),
            history=HistoryService(db),
            certificates=CertificateCheckService(db),
            store_copy=StoreCopyService(db),
            connection=ConnectionService(db),
        )

    def close(self) -> None:
        self.db.dispose()

    def database_answers(self) -> bool:
        """Whether the database answers now: the window's "reconnecting…" asks it after a
        department server was lost (never raises)."""
        return self.db.answers()


def open_services(
    db: str | None = None, *, create: bool = True, keychain: Keychain | None = None
) -> Services:
    """Open (create, migrate) the store and make sure it has a catalog. A scratch copy of the
    same database may share the session's unlocked keys (`keychain`)."""
    services = Services.over(open_database(db, create=create), keychain)
    services.catalog.install_bundled()
    return services
