"""The open issue and every edit to it as an undoable command.

Each command's redo/undo is a call to a method of editor.model.Issue and its inverse, so
the model stays the single source of truth and undo cannot drift from what the model does.
After each call the session emits `changed` with what was touched; views refresh from the
model instead of tracking edits themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from editor.findings import Finding
from editor.model import Block, Board, Document, IgnoredFinding, Issue, ProofRecord, Role

from .i18n import current_language

# Change kinds carried by IssueSession.changed
STRUCTURE = "structure"  # sections or documents added, removed, moved, renamed
FIELD = "field"  # a document's metadata field
BLOCKS = "blocks"  # a document's body (text, roles, inserted/removed blocks)
BOARD = "board"
PROPERTIES = "properties"
IGNORED = "ignored"  # the issue's ignored findings
PROOFS = "proofs"  # the issue's recorded proof rounds

# QUndoCommand ids for merging consecutive typing
_MERGE_TEXT = 1001
_MERGE_FIELD = 1002


@dataclass(frozen=True)
class Change:
    """What an edit changed, announced to the views that show it."""

    kind: str
    doc_id: str | None = None
    index: int | None = None  # block index for BLOCKS, field name is in `name`
    name: str = ""
    origin: object = None  # the widget that made the edit, so it need not reload itself


class IssueSession(QObject):
    """The issue being edited, its file path and its undo stack."""

    changed = Signal(object)  # Change
    replaced = Signal()  # a different issue was loaded (open, new, recovery)

    def __init__(
        self, issue: Issue | None = None, path: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.issue = issue if issue is not None else Issue()
        self.path = path
        self.stack = QUndoStack(self)
        self.origin: object = None  # set by a view around a push it will not need to reload for
        # counts every change (edit, undo, redo, replace): autosave and caches compare it, never
        # the undo index, which comes back to the same number after an undo and a new edit
        self.revision = 0

    def replace(self, issue: Issue, path: str | None) -> None:
        self.issue = issue
        self.path = path
        self.stack.clear()
        self.stack.setClean()
        self.revision += 1
        self.replaced.emit()

    @property
    def dirty(self) -> bool:
        return not self.stack.isClean()

    @property
    def display_name(self) -> str:
        if self.path:
            return Path(self.path).name
        return QCoreApplication.translate("Commands", "未命名期刊")

    def push(self, command: QUndoCommand, origin: object = None) -> None:
        previous = self.origin
        if origin is not None:
            self.origin = origin
        try:
            self.stack.push(command)
        finally:
            self.origin = previous

    @contextmanager
    def macro(self, text: str, origin: object = None) -> Iterator[None]:
        """Several pushes as one undo step (a paste, a role change over a selection)."""
        self.stack.beginMacro(text)
        previous, self.origin = self.origin, origin
        try:
            yield
        finally:
            self.origin = previous
            self.stack.endMacro()

    def notify(self, change: Change) -> None:
        self.revision += 1
        if self.origin is not None and change.origin is None:
            change = Change(change.kind, change.doc_id, change.index, change.name, self.origin)
        self.changed.emit(change)


class IssueCommand(QUndoCommand):
    """Base: keeps the session; subclasses implement apply(forward: bool) -> Change."""

    def __init__(self, session: IssueSession, text: str) -> None:
        super().__init__(text)
        self.session = session

    @property
    def issue(self) -> Issue:
        return self.session.issue

    def apply(self, forward: bool) -> Change:
        raise NotImplementedError

    def redo(self) -> None:
        self.session.notify(self.apply(True))

    def undo(self) -> None:
        self.session.notify(self.apply(False))


# ---- sections ---------------------------------------------------------------------


class AddSection(IssueCommand):
    def __init__(self, session: IssueSession, name: str, index: int | None = None) -> None:
        super().__init__(session, QCoreApplication.translate("Commands", "新建栏目“%1”").replace("%1", name))
        self.name = name
        self.index = len(session.issue.sections) if index is None else index

    def apply(self, forward: bool) -> Change:
        if forward:
            self.issue.add_section(self.name, self.index)
        else:
            self.issue.remove_section(self.index)
        return Change(STRUCTURE)


class RemoveSection(IssueCommand):
    def __init__(self, session: IssueSession, index: int) -> None:
        self.index = index
        self.section = session.issue.sections[index]
        super().__init__(
            session, QCoreApplication.translate("Commands", "删除栏目“%1”").replace("%1", self.section.name)
        )

    def apply(self, forward: bool) -> Change:
        if forward:
            self.section = self.issue.remove_section(self.index)
        else:
            self.issue.insert_section(self.index, self.section)
        return Change(STRUCTURE)


class RenameSection(IssueCommand):
    def __init__(self, session: IssueSession, index: int, name: str) -> None:
        super().__init__(
            session, QCoreApplication.translate("Commands", "栏目改名为“%1”").replace("%1", name)
        )
        self.index = index
        self.name = name
        self.old = session.issue.sections[index].name

    def apply(self, forward: bool) -> Change:
        self.issue.rename_section(self.index, self.name if forward else self.old)
        return Change(STRUCTURE)


class MoveSection(IssueCommand):
    def __init__(self, session: IssueSession, src: int, dst: int) -> None:
        super().__init__(
            session,
            QCoreApplication.translate("Commands", "移动栏目“%1”").replace(
                "%1", session.issue.sections[src].name
            ),
        )
        self.src = src
        self.dst = dst

    def apply(self, forward: bool) -> Change:
        if forward:
            self.issue.move_section(self.src, self.dst)
        else:
            self.issue.move_section(self.dst, self.src)
        return Change(STRUCTURE)


# ---- documents --------------------------------------------------------------------


class AddDocuments(IssueCommand):
    """Imported (or new) documents appended to a section, with the files they brought."""

    def __init__(
        self,
        session: IssueSession,
        section: int,
        documents: list[Document],
        files: dict[str, bytes],
        index: int | None = None,
    ) -> None:
        super().__init__(
            session,
            QCoreApplication.translate("Commands", "导入 %1 篇文件").replace("%1", str(len(documents))),
        )
        self.section = section
        self.documents = documents
        self.index = len(session.issue.sections[section].documents) if index is None else index
        self.files = files
        self.added_files: list[str] = []

    def apply(self, forward: bool) -> Change:
        if forward:
            for n, doc in enumerate(self.documents):
                self.issue.add_document(self.section, doc, self.index + n)
            self.added_files = self.issue.add_files(self.files)
        else:
            for n in reversed(range(len(self.documents))):
                self.issue.remove_document(self.section, self.index + n)
            self.issue.remove_files(self.added_files)
        return Change(STRUCTURE)


class RemoveDocument(IssueCommand):
    def __init__(self, session: IssueSession, section: int, index: int) -> None:
        self.section = section
        self.index = index
        self.document = session.issue.sections[section].documents[index]
        super().__init__(
            session,
            QCoreApplication.translate("Commands", "删除文件“%1”").replace(
                "%1", self.document.shown_title[:20]
            ),
        )

    def apply(self, forward: bool) -> Change:
        if forward:
            self.document = self.issue.remove_document(self.section, self.index)
        else:
            self.issue.add_document(self.section, self.document, self.index)
        return Change(STRUCTURE, self.document.id)


class MoveDocument(IssueCommand):
    """`dst_index` is the document's index in the destination section after the move."""

    def __init__(self, session: IssueSession, src: tuple[int, int], dst: tuple[int, int]) -> None:
        doc = session.issue.sections[src[0]].documents[src[1]]
        super().__init__(
            session,
            QCoreApplication.translate("Commands", "移动文件“%1”").replace("%1", doc.shown_title[:20]),
        )
        self.src = src
        self.dst = dst
        self.doc_id = doc.id

    def apply(self, forward: bool) -> Change:
        a, b = (self.src, self.dst) if forward else (self.dst, self.src)
        self.issue.move_document(a[0], a[1], b[0], b[1])
        return Change(STRUCTURE, self.doc_id)


class SetDocumentField(IssueCommand):
    def __init__(self, session: IssueSession, doc_id: str, name: str, value: str) -> None:
        super().__init__(session, QCoreApplication.translate("Commands", "修改文件信息"))
        self.doc_id = doc_id
        self.name = name
        self.value = value
        self.old = getattr(session.issue.document(doc_id), name)

    def id(self) -> int:  # noqa: A003 - Qt API
        return _MERGE_FIELD

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if isinstance(other, SetDocumentField) and (other.doc_id, other.name) == (self.doc_id, self.name):
            self.value = other.value
            return True
        return False

    def apply(self, forward: bool) -> Change:
        self.issue.set_document_field(self.doc_id, self.name, self.value if forward else self.old)
        return Change(FIELD, self.doc_id, name=self.name)


# ---- blocks -----------------------------------------------------------------------


class SetBlockText(IssueCommand):
    """Typing in one paragraph; consecutive keystrokes in the same paragraph merge into one step."""

    def __init__(self, session: IssueSession, doc_id: str, index: int, text: str) -> None:
        super().__init__(session, QCoreApplication.translate("Commands", "输入文字"))
        self.doc_id = doc_id
        self.index = index
        self.new_text = text  # not `text`: that is QUndoCommand.text(), the step's name
        self.old = session.issue.document(doc_id).blocks[index].text

    def id(self) -> int:  # noqa: A003 - Qt API
        return _MERGE_TEXT

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if isinstance(other, SetBlockText) and (other.doc_id, other.index) == (self.doc_id, self.index):
            self.new_text = other.new_text
            return True
        return False

    def apply(self, forward: bool) -> Change:
        self.issue.set_block_text(self.doc_id, self.index, self.new_text if forward else self.old)
        return Change(BLOCKS, self.doc_id, self.index, name="text")


class SetBlockRole(IssueCommand):
    def __init__(self, session: IssueSession, doc_id: str, index: int, role: Role) -> None:
        super().__init__(
            session,
            QCoreApplication.translate("Commands", "段落角色改为“%1”").replace("%1", role_label(role)),
        )
        self.doc_id = doc_id
        self.index = index
        self.role = Role(role)
        self.old = session.issue.document(doc_id).blocks[index].role

    def apply(self, forward: bool) -> Change:
        self.issue.set_block_role(self.doc_id, self.index, self.role if forward else self.old)
        return Change(BLOCKS, self.doc_id, self.index)


class InsertBlock(IssueCommand):
    def __init__(self, session: IssueSession, doc_id: str, index: int, block: Block) -> None:
        super().__init__(session, QCoreApplication.translate("Commands", "插入段落"))
        self.doc_id = doc_id
        self.index = index
        self.block = block

    def apply(self, forward: bool) -> Change:
        if forward:
            self.issue.insert_block(self.doc_id, self.index, self.block)
        else:
            self.issue.remove_block(self.doc_id, self.index)
        return Change(BLOCKS, self.doc_id, self.index)


class RemoveBlock(IssueCommand):
    def __init__(self, session: IssueSession, doc_id: str, index: int) -> None:
        super().__init__(session, QCoreApplication.translate("Commands", "删除段落"))
        self.doc_id = doc_id
        self.index = index
        self.block = session.issue.document(doc_id).blocks[index]

    def apply(self, forward: bool) -> Change:
        if forward:
            self.block = self.issue.remove_block(self.doc_id, self.index)
        else:
            self.issue.insert_block(self.doc_id, self.index, self.block)
        return Change(BLOCKS, self.doc_id, self.index)


class ReplaceBlock(IssueCommand):
    """A table edit: the block is swapped for an edited copy (remove + insert in the model)."""

    def __init__(self, session: IssueSession, doc_id: str, index: int, block: Block, text: str) -> None:
        super().__init__(session, text)
        self.doc_id = doc_id
        self.index = index
        self.new = block
        self.old = session.issue.document(doc_id).blocks[index]

    def apply(self, forward: bool) -> Change:
        self.issue.remove_block(self.doc_id, self.index)
        self.issue.insert_block(self.doc_id, self.index, self.new if forward else self.old)
        return Change(BLOCKS, self.doc_id, self.index)


# ---- issue ------------------------------------------------------------------------


class SetBoard(IssueCommand):
    def __init__(self, session: IssueSession, board: Board) -> None:
        super().__init__(session, QCoreApplication.translate("Commands", "修改编委会"))
        self.board = board

    def apply(self, forward: bool) -> Change:
        self.board = self.issue.set_board(self.board)  # swap: the old board is kept for the way back
        return Change(BOARD)


class SetProperties(IssueCommand):
    """Several issue properties as one step (the properties dialog's OK)."""

    def __init__(self, session: IssueSession, values: dict[str, object]) -> None:
        super().__init__(session, QCoreApplication.translate("Commands", "修改期刊属性"))
        self.values = dict(values)

    def apply(self, forward: bool) -> Change:
        self.values = {name: self.issue.set_property(name, value) for name, value in self.values.items()}
        return Change(PROPERTIES)


class ReplaceTexts(IssueCommand):
    """Find and replace across the issue: many texts, one undo step (Issue.set_texts)."""

    def __init__(
        self, session: IssueSession, changes: list[tuple[str, str, int | None, str]], count: int
    ) -> None:
        super().__init__(
            session, QCoreApplication.translate("Commands", "全部替换（%1 处）").replace("%1", str(count))
        )
        self.changes = changes
        self.inverse: list[tuple[str, str, int | None, str]] = []

    def apply(self, forward: bool) -> Change:
        if forward:
            self.inverse = self.issue.set_texts(self.changes)
        else:
            self.issue.set_texts(self.inverse)
        return Change(BLOCKS)

    def _notify(self) -> None:
        # every touched document reloads where it is shown (body and fields)
        for doc_id in dict.fromkeys(c[0] for c in self.changes):
            self.session.notify(Change(BLOCKS, doc_id))
            self.session.notify(Change(FIELD, doc_id))

    def redo(self) -> None:
        self.apply(True)
        self._notify()

    def undo(self) -> None:
        self.apply(False)
        self._notify()


# ---- proofreading -----------------------------------------------------------------


class ApplyFix(IssueCommand):
    """Apply a finding's safe fix through the model's own setters; undo restores the old text."""

    def __init__(self, session: IssueSession, finding: Finding) -> None:
        super().__init__(session, "")
        self.fix = finding.fix
        self.new = self.fix.resolve(session.issue) if self.fix else None
        self.old = self.fix.current_text(session.issue) if self.fix and self.new is not None else None
        self.retranslate()

    def retranslate(self) -> None:
        """The step's name in the UI's language (the window calls it after a language switch)."""
        self.setText(
            QCoreApplication.translate("FindingsPanel", "修正：%1").replace(
                "%1", self.fix.describe(current_language()) if self.fix else ""
            )
        )

    @property
    def applicable(self) -> bool:
        return self.new is not None

    def apply(self, forward: bool) -> Change:
        assert self.fix is not None and self.new is not None and self.old is not None, (
            "push only if applicable"
        )
        text = self.new if forward else self.old
        if self.fix.part == "block":
            assert self.fix.block is not None
            self.issue.set_block_text(self.fix.doc, self.fix.block, text)
            return Change(BLOCKS, self.fix.doc, self.fix.block)
        if self.fix.part == "cell" and self.fix.cell is not None and self.fix.block is not None:
            self.issue.set_cell_text(self.fix.doc, self.fix.block, *self.fix.cell, text)
            return Change(BLOCKS, self.fix.doc, self.fix.block)
        self.issue.set_document_field(self.fix.doc, self.fix.part, text)
        return Change(FIELD, self.fix.doc, None, self.fix.part)


class IgnoreFinding(IssueCommand):
    """Record (or, undone, forget) that the editor judged a finding fine, with their reason."""

    def __init__(self, session: IssueSession, finding: Finding, reason: str) -> None:
        super().__init__(session, "")
        self.entry = finding.ignored_as(reason)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(
            QCoreApplication.translate("FindingsPanel", "忽略问题：%1").replace("%1", self.entry.check)
        )

    def apply(self, forward: bool) -> Change:
        if forward:
            self.issue.ignore(self.entry)
        else:
            self.issue.unignore(self.entry)
        return Change(IGNORED)


class Unignore(IssueCommand):
    """Forget (or, undone, restore in its place) an ignore decision."""

    def __init__(self, session: IssueSession, entry: IgnoredFinding) -> None:
        super().__init__(session, "")
        self.entry = entry
        self.index = session.issue.ignored.index(entry)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(
            QCoreApplication.translate("FindingsPanel", "取消忽略：%1").replace("%1", self.entry.check)
        )

    def apply(self, forward: bool) -> Change:
        if forward:
            self.issue.unignore(self.entry)
        else:
            self.issue.ignore(self.entry, self.index)
        return Change(IGNORED)


class RecordProof(IssueCommand):
    """Keep an exported round's fingerprints in the issue; undo forgets them again.

    An export of a round that already exists replaces its record, as the command line does.
    """

    def __init__(self, session: IssueSession, record: ProofRecord) -> None:
        super().__init__(session, "")
        self.record = record
        self.before: list[ProofRecord] = []
        self.retranslate()

    def retranslate(self) -> None:
        """The step's name in the UI's language (the window calls it after a language switch)."""
        self.setText(
            QCoreApplication.translate("ExportDialog", "记录第%1校").replace("%1", str(self.record.round))
        )

    def apply(self, forward: bool) -> Change:
        if forward:
            self.before = self.issue.record_proof(self.record)
        else:
            self.issue.set_proofs(self.before)
        return Change(PROOFS)


def role_label(role: Role | str) -> str:
    """The name an editor knows a role by, translated."""
    labels = {
        Role.PARAGRAPH: QCoreApplication.translate("Roles", "正文"),
        Role.HEADING1: QCoreApplication.translate("Roles", "一级标题"),
        Role.HEADING2: QCoreApplication.translate("Roles", "二级标题"),
        Role.HEADING3: QCoreApplication.translate("Roles", "三级标题"),
        Role.HEADING4: QCoreApplication.translate("Roles", "四级标题"),
        Role.ATTACHMENT: QCoreApplication.translate("Roles", "附件说明"),
        Role.SIGNATURE: QCoreApplication.translate("Roles", "署名"),
        Role.DATE: QCoreApplication.translate("Roles", "成文日期"),
        Role.NOTE: QCoreApplication.translate("Roles", "附注"),
        Role.ATTACHMENT_TITLE: QCoreApplication.translate("Roles", "附件标题"),
        Role.TABLE: QCoreApplication.translate("Roles", "表格"),
        Role.IMAGE: QCoreApplication.translate("Roles", "图片"),
    }
    return labels.get(Role(role), str(role))
