"""The document editor: the metadata form, the body with a role per paragraph, tables.

The body is a QTextEdit whose blocks mirror the document's blocks one to one. Qt's own
undo is off; after each edit the editor compares its blocks with the model's and pushes
the difference as undo commands (typing in one paragraph is one SetBlockText, merged with
the next keystroke), so the model is always current and every change is undoable from
the window's Edit menu. Tables and images are one marker paragraph each in the text; the
table under the cursor is edited as a table in the panel below.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.findings import Location
from editor.model import HEADING_ROLES, Block, Cell, Role, Table
from editor.official import guess_role

from . import styles
from .commands import (
    BLOCKS,
    FIELD,
    InsertBlock,
    IssueSession,
    RemoveBlock,
    ReplaceBlock,
    SetBlockRole,
    SetBlockText,
    SetDocumentField,
    role_label,
)

ROLE_PROP = QTextFormat.Property.UserProperty.value + 1
MARK_PROP = QTextFormat.Property.UserProperty.value + 2
MARKER_ROLES = (Role.TABLE, Role.IMAGE)
FIELDS = ("issuer", "number", "title", "toc_title", "recipients")
CLOSING_ROLES = (Role.SIGNATURE, Role.DATE, Role.NOTE)
ENTER_GIVES_PARAGRAPH = (*HEADING_ROLES, *CLOSING_ROLES, Role.ATTACHMENT_TITLE)

# ---- role guessing for pasted text: official.guess_role (the one recogniser) ----------------


def blocks_from_mime(source: QMimeData) -> list[Block]:
    """Word's clipboard (HTML) or plain text as blocks: text and roles kept, styling dropped."""
    blocks: list[Block] = []
    if source.hasHtml():
        doc = QTextDocument()
        doc.setHtml(source.html())
        seen_tables = set()
        block = doc.begin()
        while block.isValid():
            table = QTextCursor(block).currentTable()
            if table is not None:
                key = table.firstPosition()
                if key not in seen_tables:
                    seen_tables.add(key)
                    blocks.append(Block(Role.TABLE, table=_table_from_qt(table)))
                block = block.next()
                continue
            text = block.text().replace("\u2028", "").strip()
            if text:
                fmt = block.blockFormat()
                align = fmt.alignment()
                blocks.append(
                    Block(
                        guess_role(
                            text,
                            fmt.headingLevel(),
                            bool(align & Qt.AlignmentFlag.AlignRight),
                            bool(align & Qt.AlignmentFlag.AlignHCenter),
                        ),
                        text,
                    )
                )
            block = block.next()
        return blocks
    for line in source.text().replace("\r\n", "\n").split("\n"):
        text = line.strip().replace("\t", " ")
        if text:
            blocks.append(Block(guess_role(text), text))
    return blocks


def dropped_files(source: QMimeData) -> list[str]:
    """Local files carried by a drop or a paste (a file manager's file:// addresses)."""
    if not source.hasUrls():
        return []
    return [u.toLocalFile() for u in source.urls() if u.isLocalFile() and u.toLocalFile()]


def _table_from_qt(table) -> Table:
    rows: list[list[Cell]] = []
    for r in range(table.rows()):
        row: list[Cell] = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if cell.row() != r or cell.column() != c:
                continue  # covered by a merged cell
            cursor = cell.firstCursorPosition()
            cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
            text = cursor.selectedText().replace("\u2029", "\n").strip()
            row.append(Cell(text, cell.columnSpan(), cell.rowSpan()))
        rows.append(row)
    return Table(rows, 1 if rows else 0)


# ---- table grid -------------------------------------------------------------------------


def table_grid(table: Table) -> tuple[int, int, dict[tuple[int, int], Cell]]:
    """(rows, columns, cells by their top-left grid position) of an HTML-style table."""
    occupied: set[tuple[int, int]] = set()
    origin: dict[tuple[int, int], Cell] = {}
    ncols = 0
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            origin[(r, c)] = cell
            for dr in range(max(1, cell.rowspan)):
                for dc in range(max(1, cell.colspan)):
                    occupied.add((r + dr, c + dc))
            c += max(1, cell.colspan)
        ncols = max(ncols, c)
    nrows = max([len(table.rows)] + [r + 1 for r, _ in occupied])
    ncols = max([ncols] + [c + 1 for _, c in occupied])
    return nrows, ncols, origin


class TableEditor(QWidget):
    """The table under the cursor, as a grid; each edit replaces the block by an edited copy."""

    def __init__(self, session: IssueSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc_id: str | None = None
        self.index: int | None = None
        self._filling = False
        self.grid = QTableWidget(self)
        self.grid.itemChanged.connect(self._cell_edited)
        self.title = QLabel(self)
        self.header_rows = QSpinBox(self)
        self.header_rows.setRange(0, 10)
        self.header_rows.valueChanged.connect(self._header_changed)
        self.header_label = QLabel(self)
        self.add_row = QToolButton(self)
        self.add_row.clicked.connect(lambda: self._edit_shape("add-row"))
        self.remove_row = QToolButton(self)
        self.remove_row.clicked.connect(lambda: self._edit_shape("remove-row"))
        self.add_col = QToolButton(self)
        self.add_col.clicked.connect(lambda: self._edit_shape("add-col"))
        self.remove_col = QToolButton(self)
        self.remove_col.clicked.connect(lambda: self._edit_shape("remove-col"))
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for w in (
            self.header_label,
            self.header_rows,
            self.add_row,
            self.remove_row,
            self.add_col,
            self.remove_col,
        ):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.grid)
        self.grid.setFont(styles.role_font(Role.PARAGRAPH, 0.85))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("表格"))
        self.header_label.setText(self.tr("表头行数："))
        self.add_row.setText(self.tr("加行"))
        self.remove_row.setText(self.tr("删行"))
        self.add_col.setText(self.tr("加列"))
        self.remove_col.setText(self.tr("删列"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def table(self) -> Table | None:
        if self.doc_id is None or self.index is None:
            return None
        try:
            return self.session.issue.document(self.doc_id).blocks[self.index].table
        except (KeyError, IndexError):
            return None

    def show_table(self, doc_id: str | None, index: int | None) -> None:
        same = (doc_id, index) == (self.doc_id, self.index)
        self.doc_id, self.index = doc_id, index
        table = self.table()
        self.setVisible(table is not None)
        if table is None or (same and self._cells() == table):
            return  # the grid already shows it (the edit came from here)
        self._filling = True
        try:
            nrows, ncols, origin = table_grid(table)
            self.grid.clear()
            self.grid.clearSpans()
            self.grid.setRowCount(nrows)
            self.grid.setColumnCount(ncols)
            for (r, c), cell in origin.items():
                self.grid.setItem(r, c, QTableWidgetItem(cell.text))
                if cell.rowspan > 1 or cell.colspan > 1:
                    self.grid.setSpan(r, c, cell.rowspan, cell.colspan)
            self.header_rows.blockSignals(True)
            self.header_rows.setValue(table.header_rows)
            self.header_rows.blockSignals(False)
            self.grid.resizeColumnsToContents()
        finally:
            self._filling = False

    def _cells(self) -> Table:
        """The grid read back as a model table (covered cells absent, spans kept)."""
        rows: list[list[Cell]] = []
        covered: set[tuple[int, int]] = set()
        for r in range(self.grid.rowCount()):
            row: list[Cell] = []
            for c in range(self.grid.columnCount()):
                if (r, c) in covered:
                    continue
                rs, cs = self.grid.rowSpan(r, c), self.grid.columnSpan(r, c)
                for dr in range(rs):
                    for dc in range(cs):
                        covered.add((r + dr, c + dc))
                item = self.grid.item(r, c)
                row.append(Cell(item.text() if item else "", cs, rs))
            rows.append(row)
        return Table(rows, self.header_rows.value())

    def _push(self, table: Table, text: str) -> None:
        if self.doc_id is None or self.index is None:
            return
        block = Block(Role.TABLE, table=table)
        self.session.push(ReplaceBlock(self.session, self.doc_id, self.index, block, text), origin=self)

    def _cell_edited(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self._push(self._cells(), self.tr("编辑表格"))

    def _header_changed(self, _value: int) -> None:
        if not self._filling:
            self._push(self._cells(), self.tr("修改表头行数"))

    def _edit_shape(self, what: str) -> None:
        table = self.table()
        if table is None:
            return
        grid = self._cells()
        rows = [list(r) for r in grid.rows]
        spans = any(c.rowspan > 1 or c.colspan > 1 for r in rows for c in r)
        ncols = self.grid.columnCount()
        current = max(0, self.grid.currentRow())
        if what == "add-row":
            rows.insert(current + 1 if rows else 0, [Cell("") for _ in range(max(1, ncols))])
        elif what == "add-col":
            if spans:
                return self._refuse()
            for r in rows:
                r.append(Cell(""))
        elif what == "remove-row":
            if not rows:
                return None
            if spans:
                return self._refuse()
            rows.pop(min(current, len(rows) - 1))
        elif what == "remove-col":
            if spans:
                return self._refuse()
            for r in rows:
                if r:
                    r.pop()
        header = min(grid.header_rows, len(rows))
        self._push(Table(rows, header), self.tr("修改表格结构"))
        return None

    def _refuse(self) -> None:
        QMessageBox.information(
            self,
            self.tr("表格"),
            self.tr("表格中有合并单元格，只能在末尾加行。请先在 Word 中调整合并单元格。"),
        )


# ---- the body ---------------------------------------------------------------------------


class BodyEdit(QTextEdit):
    """The document body; blocks in the QTextDocument mirror the model's blocks."""

    roleChanged = Signal(object)  # Role of the block under the cursor
    filesDropped = Signal(list)  # local file paths dropped or pasted: to be imported
    markerChanged = Signal(object)  # model block index of the table under the cursor, or None

    def __init__(self, session: IssueSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc_id: str | None = None
        self.issue = None  # the issue object the shown text belongs to (ids repeat across issues)
        self._loading = False
        self._batch = False
        self._tokens: dict[int, int] = {}  # id(model block) → marker token
        self._markers: dict[int, Block] = {}  # marker token → model block
        self._next_token = 1
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(True)
        self.setObjectName("bodyEdit")
        self.document().setDocumentMargin(12)
        self.document().contentsChange.connect(self._contents_change)
        self.cursorPositionChanged.connect(self._cursor_moved)

    # ---- model → editor ---------------------------------------------------------------
    def _token(self, block: Block) -> int:
        token = self._tokens.get(id(block))
        if token is None:
            token = self._next_token
            self._next_token += 1
            self._tokens[id(block)] = token
        self._markers[token] = block
        return token

    def marker_text(self, block: Block) -> str:
        if block.role == Role.TABLE and block.table is not None:
            nrows, ncols, _ = table_grid(block.table)
            return (
                self.tr("▦ 表格（%1 行 × %2 列）— 在下方表格中编辑")
                .replace("%1", str(nrows))
                .replace("%2", str(ncols))
            )
        return self.tr("▣ 图片 %1").replace("%1", block.image or "")

    def load(self, doc_id: str | None, keep_cursor: bool = False, focus_block: int | None = None) -> None:
        position = (self.textCursor().blockNumber(), self.textCursor().positionInBlock())
        scroll = self.verticalScrollBar().value()
        self.doc_id = doc_id
        self.issue = self.session.issue if doc_id is not None else None
        self._loading = True
        try:
            self.clear()
            self.setEnabled(doc_id is not None)
            if doc_id is None:
                return
            doc = self.session.issue.document(doc_id)
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            for i, block in enumerate(doc.blocks):
                bfmt, cfmt = self._formats(block)
                if i:
                    cursor.insertBlock(bfmt, cfmt)
                else:
                    cursor.setBlockFormat(bfmt)
                    cursor.setBlockCharFormat(cfmt)
                cursor.setCharFormat(cfmt)
                text = self.marker_text(block) if block.role in MARKER_ROLES else block.text
                cursor.insertText(text, cfmt)
            if not doc.blocks:
                bfmt, cfmt = self._formats(Block())
                cursor.setBlockFormat(bfmt)
                cursor.setBlockCharFormat(cfmt)
            cursor.endEditBlock()
        finally:
            self._loading = False
        if focus_block is not None:
            self.goto_block(focus_block)
        elif keep_cursor:
            self.goto_block(position[0], position[1])
            self.verticalScrollBar().setValue(scroll)
        else:
            self.moveCursor(QTextCursor.MoveOperation.Start)
        self._cursor_moved()

    def _formats(self, block: Block):
        role = Role(block.role)
        bfmt = styles.block_format(role)
        bfmt.setProperty(ROLE_PROP, role.value)
        cfmt = styles.char_format(role)
        if role in MARKER_ROLES:
            bfmt.setProperty(MARK_PROP, self._token(block))
            bfmt.setBackground(QColor(236, 240, 246))
            cfmt.setForeground(QColor(60, 80, 120))
        return bfmt, cfmt

    def goto_block(self, index: int, offset: int = 0, top: bool = False) -> None:
        """Put the cursor in a block; `top` scrolls it to the top (a jump from the proof or a finding)."""
        block = self.document().findBlockByNumber(max(0, min(index, self.document().blockCount() - 1)))
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + max(0, min(offset, block.length() - 1)))
        self.setTextCursor(cursor)
        if top:
            y = self.document().documentLayout().blockBoundingRect(block).top()
            self.verticalScrollBar().setValue(int(y) - 8)
        self.ensureCursorVisible()

    # ---- editor → model ----------------------------------------------------------------
    def _items(self) -> list[tuple]:
        items = []
        seen: set[int] = set()
        block = self.document().begin()
        while block.isValid():
            fmt = block.blockFormat()
            token = fmt.property(MARK_PROP)
            if token and token in self._markers and token not in seen:
                seen.add(token)
                items.append(("m", token))
            else:
                if token:  # a copy of a marker's format (Enter after a table): an ordinary paragraph
                    self._reset_block_format(block)
                role = fmt.property(ROLE_PROP) or Role.PARAGRAPH.value
                if role in (Role.TABLE.value, Role.IMAGE.value):
                    role = Role.PARAGRAPH.value
                items.append(("t", role, block.text()))
            block = block.next()
        return items

    def _reset_block_format(self, block) -> None:
        was, self._loading = self._loading, True
        try:
            bfmt, cfmt = self._formats(Block())
            cursor = QTextCursor(block)
            cursor.setBlockFormat(bfmt)
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            cursor.setCharFormat(cfmt)
        finally:
            self._loading = was

    def _model_items(self) -> list[tuple]:
        doc = self.session.issue.document(self.doc_id)
        return [
            ("m", self._token(b)) if b.role in MARKER_ROLES else ("t", Role(b.role).value, b.text)
            for b in doc.blocks
        ]

    def _contents_change(self, position: int, _removed: int, added: int) -> None:
        if self._loading or self._batch:
            return
        if not self._sync_one_block(position, added):
            self.sync()

    def bound(self) -> bool:
        """The text shown belongs to a document of the session's current issue."""
        return self.doc_id is not None and self.issue is self.session.issue

    def _sync_one_block(self, position: int, added: int) -> bool:
        """Typing inside one paragraph: compare that paragraph only (a keystroke stays O(1))."""
        if not self.bound():
            return True  # text of an issue that is gone: nothing to write anywhere
        try:
            blocks = self.session.issue.document(self.doc_id).blocks
        except KeyError:
            return False
        doc = self.document()
        if doc.blockCount() != len(blocks):
            return False
        first = doc.findBlock(position)
        if not first.isValid() or doc.findBlock(position + added).blockNumber() != first.blockNumber():
            return False
        fmt = first.blockFormat()
        if fmt.hasProperty(MARK_PROP):
            return False
        index = first.blockNumber()
        block = blocks[index]
        if block.role in MARKER_ROLES or fmt.stringProperty(ROLE_PROP) != block.role.value:
            return False
        text = first.text()
        if text != block.text:
            self.session.push(SetBlockText(self.session, self.doc_id, index, text), origin=self)
        return True

    def sync(self) -> None:
        """Push the difference between this editor and the model as undo commands."""
        if not self.bound():
            return  # never write one issue's text into another issue's document of the same id
        try:
            model = self._model_items()
        except KeyError:
            return
        mine = self._items()
        if len(model) == 0 and mine == [("t", Role.PARAGRAPH.value, "")]:
            return
        if mine == model:
            return
        ops = [
            op for op in SequenceMatcher(None, model, mine, autojunk=False).get_opcodes() if op[0] != "equal"
        ]
        s = self.session
        if len(ops) == 1:
            tag, i1, i2, j1, j2 = ops[0]
            if (
                tag == "replace"
                and i2 - i1 == 1
                and j2 - j1 == 1
                and model[i1][0] == "t"
                and mine[j1][0] == "t"
            ):
                if model[i1][1] == mine[j1][1]:
                    s.push(SetBlockText(s, self.doc_id, i1, mine[j1][2]), origin=self)
                    return
        with s.macro(self.tr("编辑正文"), origin=self):
            for tag, i1, i2, j1, j2 in reversed(ops):
                n = min(i2 - i1, j2 - j1) if tag == "replace" else 0
                for k in reversed(range(i1 + n, i2)):
                    s.push(RemoveBlock(s, self.doc_id, k))
                for k in range(j1 + n, j2):
                    s.push(InsertBlock(s, self.doc_id, i1 + n + (k - j1 - n), self._block_of(mine[k])))
                for k in range(n):
                    old, new = model[i1 + k], mine[j1 + k]
                    if old[0] == "t" and new[0] == "t":
                        if old[2] != new[2]:
                            s.push(SetBlockText(s, self.doc_id, i1 + k, new[2]))
                        if old[1] != new[1]:
                            s.push(SetBlockRole(s, self.doc_id, i1 + k, Role(new[1])))
                    else:
                        s.push(RemoveBlock(s, self.doc_id, i1 + k))
                        s.push(InsertBlock(s, self.doc_id, i1 + k, self._block_of(new)))

    def _block_of(self, item: tuple) -> Block:
        if item[0] == "m":
            return self._markers[item[1]]
        return Block(Role(item[1]), item[2])

    # ---- roles ---------------------------------------------------------------------------
    def current_role(self) -> Role:
        value = self.textCursor().blockFormat().property(ROLE_PROP)
        return Role(value) if value else Role.PARAGRAPH

    def selected_blocks(self) -> range:
        cursor = self.textCursor()
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last = doc.findBlock(cursor.selectionEnd()).blockNumber()
        return range(first, last + 1)

    def set_role(self, role: Role) -> None:
        """The role of the paragraphs under the cursor or selection, as one undo step."""
        if self.doc_id is None:
            return
        self.sync()
        doc = self.session.issue.document(self.doc_id)
        targets = [
            i
            for i in self.selected_blocks()
            if i < len(doc.blocks) and doc.blocks[i].role not in MARKER_ROLES
        ]
        targets = [i for i in targets if doc.blocks[i].role != role]
        if not targets:
            return
        s = self.session
        with s.macro(self.tr("段落角色改为“%1”").replace("%1", role_label(role)), origin=self):
            for i in targets:
                s.push(SetBlockRole(s, self.doc_id, i, role))
        self._restyle(targets)
        self.roleChanged.emit(role)

    def _restyle(self, indexes: list[int]) -> None:
        doc = self.session.issue.document(self.doc_id)
        self._loading = True
        try:
            for i in indexes:
                block = self.document().findBlockByNumber(i)
                bfmt, cfmt = self._formats(doc.blocks[i])
                cursor = QTextCursor(block)
                cursor.setBlockFormat(bfmt)
                cursor.setBlockCharFormat(cfmt)
                cursor.setPosition(block.position())
                cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(cfmt)
        finally:
            self._loading = False

    def _cursor_moved(self) -> None:
        self.roleChanged.emit(self.current_role())
        token = self.textCursor().blockFormat().property(MARK_PROP)
        block = self._markers.get(token) if token else None
        self.markerChanged.emit(
            self.textCursor().blockNumber() if block is not None and block.role == Role.TABLE else None
        )

    # ---- keys and paste ---------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        """Undo/redo belong to the issue's stack, not to Qt's text undo (which is off)."""
        if event.type() == QEvent.Type.ShortcutOverride:
            if isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
            ):
                event.ignore()
                return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        cursor = self.textCursor()
        block = cursor.block()
        on_marker = bool(block.blockFormat().property(MARK_PROP))
        key = event.key()
        if on_marker and not cursor.hasSelection():
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
                bfmt, cfmt = self._formats(Block())
                cursor.insertBlock(bfmt, cfmt)
                self.setTextCursor(cursor)
                return
            if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                if block.blockNumber() == 0:
                    cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                return
            if event.text() and event.text().isprintable():
                return  # a marker stands for a table or an image: its text is not editable
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not cursor.hasSelection()
            and cursor.atBlockEnd()
            and self.current_role() in ENTER_GIVES_PARAGRAPH
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            # as in Word and WPS: the paragraph after a heading (or a closing line) is body text
            bfmt, cfmt = self._formats(Block())
            cursor.insertBlock(bfmt, cfmt)
            self.setTextCursor(cursor)
            self.roleChanged.emit(Role.PARAGRAPH)
            return
        if not cursor.hasSelection():
            prev, nxt = block.previous(), block.next()
            if (
                key == Qt.Key.Key_Backspace
                and cursor.atBlockStart()
                and prev.isValid()
                and prev.blockFormat().property(MARK_PROP)
            ):
                return
            if (
                key == Qt.Key.Key_Delete
                and cursor.atBlockEnd()
                and nxt.isValid()
                and nxt.blockFormat().property(MARK_PROP)
            ):
                return
        super().keyPressEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        data = QMimeData()
        data.setText(self.textCursor().selectedText().replace("\u2029", "\n"))
        return data

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return bool(dropped_files(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        """Paste keeps text and roles (guessed from Word's look and numbering), never Word's styling.

        Files (a .docx from the file manager) are imported as documents, never pasted as their address.
        """
        files = dropped_files(source)
        if files:
            self.filesDropped.emit(files)
            return
        blocks = blocks_from_mime(source)
        if not blocks or self.doc_id is None:
            return
        s = self.session
        self._batch = True
        try:
            with s.macro(self.tr("粘贴"), origin=self):
                cursor = self.textCursor()
                cursor.beginEditBlock()
                if cursor.hasSelection():
                    cursor.removeSelectedText()
                for n, block in enumerate(blocks):
                    bfmt, cfmt = self._formats(block)
                    text = self.marker_text(block) if block.role in MARKER_ROLES else block.text
                    if n == 0 and block.role not in MARKER_ROLES and len(blocks) == 1:
                        cursor.insertText(text, cursor.charFormat())
                        continue
                    if n == 0 and cursor.block().text() == "":
                        cursor.setBlockFormat(bfmt)
                    else:
                        cursor.insertBlock(bfmt, cfmt)
                    cursor.insertText(text, cfmt)
                cursor.endEditBlock()
                self.setTextCursor(cursor)
                self._batch = False
                self.sync()
        finally:
            self._batch = False


# ---- the whole editor -----------------------------------------------------------------------


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with … instead of widening its pane (long Word file
    names); the whole text is in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, max(self.width(), 40))
        super().setText(shown)


class DocumentEditor(QWidget):
    """Metadata form, role combo, body and table panel of one document."""

    importReportRequested = Signal(str)  # document id
    blockFocused = Signal(str, object)  # document id, block index: the proof view can follow

    def __init__(self, session: IssueSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc_id: str | None = None
        self.setObjectName("documentEditor")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for name in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"field_{name}")
            edit.setFont(styles.family_font(styles.FIELD_FAMILIES[name], 12, bold=name == "title"))
            edit.textEdited.connect(lambda text, n=name: self._field_edited(n, text))
            edit.installEventFilter(self)
            label = QLabel(self)
            self.fields[name] = edit
            self.labels[name] = label
            self.form.addRow(label, edit)
        # the closing lines are body blocks in the model; the form shows the last of each role
        self.closing: dict[Role, QLineEdit] = {}
        self.closing_labels: dict[Role, QLabel] = {}
        closing_row, dates_row = QHBoxLayout(), QHBoxLayout()
        for role in CLOSING_ROLES:
            edit = QLineEdit(self)
            edit.setObjectName(f"closing_{role.value}")
            edit.setFont(styles.family_font(styles.FANGSONG, 12))
            edit.textEdited.connect(lambda text, r=role: self._closing_edited(r, text))
            edit.installEventFilter(self)
            label = QLabel(self)
            self.closing[role] = edit
            self.closing_labels[role] = label
            if role == Role.SIGNATURE:
                closing_row.addWidget(edit)
                continue
            if role != Role.DATE:
                dates_row.addWidget(label)
            dates_row.addWidget(edit, 1)
        # 署名 has a row of its own, 成文日期 and 附注 share the next: both fit at 1366×768
        self.form.addRow(self.closing_labels[Role.SIGNATURE], closing_row)
        self.form.addRow(self.closing_labels[Role.DATE], dates_row)
        self.role_label = QLabel(self)
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("roleCombo")
        for role in styles.EDITABLE_ROLES:
            self.role_combo.addItem("", role.value)
        self.role_combo.activated.connect(self._role_chosen)
        self.report_button = QPushButton(self)
        self.report_button.setObjectName("importReportButton")
        self.report_button.clicked.connect(
            lambda: self.doc_id and self.importReportRequested.emit(self.doc_id)
        )
        self.source_label = ElidedLabel(self)
        self.source_label.setStyleSheet("color: #666;")
        bar = QHBoxLayout()
        bar.addWidget(self.role_label)
        bar.addWidget(self.role_combo)
        bar.addWidget(self.source_label, 1)  # takes the free width, elides within it
        self.source_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.report_button)

        self.body = BodyEdit(session, self)
        self.body.roleChanged.connect(self._show_role)
        self.body.markerChanged.connect(self._show_table)
        self.body.cursorPositionChanged.connect(self._cursor_moved)
        self.tables = TableEditor(session, self)
        self.tables.hide()
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.body)
        splitter.addWidget(self.tables)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.form)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        session.changed.connect(self._on_changed)
        session.replaced.connect(self._replaced)
        self.retranslate()
        self.set_document(None)

    def retranslate(self) -> None:
        names = {
            "issuer": self.tr("发文机关标志："),
            "number": self.tr("发文字号："),
            "title": self.tr("标题："),
            "toc_title": self.tr("目录标题："),
            "recipients": self.tr("主送机关："),
        }
        for name, text in names.items():
            self.labels[name].setText(text)
        self.closing_labels[Role.SIGNATURE].setText(self.tr("署名："))
        self.closing_labels[Role.DATE].setText(self.tr("成文日期："))
        self.closing_labels[Role.NOTE].setText(self.tr("附注："))
        self.closing[Role.NOTE].setPlaceholderText(self.tr("（此件公开发布）"))
        self.fields["toc_title"].setPlaceholderText(self.tr("留空则用标题"))
        self.role_label.setText(self.tr("段落角色："))
        for i, role in enumerate(styles.EDITABLE_ROLES):
            shortcut = styles.role_shortcut(role).toString(QKeySequence.SequenceFormat.NativeText)
            self.role_combo.setItemText(i, f"{role_label(role)}\t{shortcut}")
        self.report_button.setText(self.tr("导入报告…"))
        self.body.setPlaceholderText(
            self.tr("在此输入正文；每段选择一个角色（正文、各级标题、署名、日期……）。")
        )
        self._update_source()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: N802
        """Ctrl+Z in a form field is the issue's undo, not the line edit's private one."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
                event.ignore()
                return True
        return super().eventFilter(watched, event)

    # ---- showing a document --------------------------------------------------------------
    def set_document(self, doc_id: str | None, block: int | None = None) -> None:
        if doc_id is not None:
            try:
                self.session.issue.document(doc_id)
            except KeyError:
                doc_id = None
        if doc_id == self.doc_id and doc_id is not None:
            if block is not None:
                self.body.goto_block(block)
            return
        self.body.sync()
        self.doc_id = doc_id
        self._fill_fields()
        self.body.load(doc_id, focus_block=block)
        self.tables.show_table(None, None)
        for w in (*self.fields.values(), *self.closing.values(), self.role_combo, self.report_button):
            w.setEnabled(doc_id is not None)
        self._update_source()

    def focus_location(self, loc: Location) -> None:
        """Select a place (from a click in the proof or a finding): a header field or a body block."""
        if not loc.doc:
            return
        if loc.part == "block" and loc.block is not None:
            self.set_document(loc.doc)
            self.body.goto_block(loc.block, top=True)
            self.body.setFocus()
        elif loc.part in self.fields:
            self.set_document(loc.doc)
            self.fields[loc.part].setFocus()
            self.fields[loc.part].selectAll()

    def _replaced(self) -> None:
        self.set_document(None)

    def _fill_fields(self) -> None:
        doc = self.session.issue.document(self.doc_id) if self.doc_id else None
        for name, edit in self.fields.items():
            value = getattr(doc, name) if doc else ""
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)
        self._fill_closing()

    def _closing_index(self, role: Role) -> int | None:
        doc = self.session.issue.document(self.doc_id)
        return next((i for i in range(len(doc.blocks) - 1, -1, -1) if doc.blocks[i].role == role), None)

    def _fill_closing(self) -> None:
        for role, edit in self.closing.items():
            value = ""
            if self.doc_id:
                index = self._closing_index(role)
                if index is not None:
                    value = self.session.issue.document(self.doc_id).blocks[index].text
            if edit.text() != value and not edit.hasFocus():
                edit.setText(value)
                edit.setCursorPosition(0)

    def _closing_edited(self, role: Role, text: str) -> None:
        """Edit the last paragraph of that role, adding it in its place (署名, 日期, 附注) if missing."""
        if not self.doc_id:
            return
        self.body.sync()
        s = self.session
        index = self._closing_index(role)
        if index is not None and text:
            s.push(SetBlockText(s, self.doc_id, index, text), origin=self)
        elif index is not None:
            s.push(RemoveBlock(s, self.doc_id, index), origin=self)
        elif text:
            doc = s.issue.document(self.doc_id)
            later = CLOSING_ROLES[CLOSING_ROLES.index(role) + 1 :]
            at = next((i for i, b in enumerate(doc.blocks) if b.role in later), len(doc.blocks))
            s.push(InsertBlock(s, self.doc_id, at, Block(role, text)), origin=self)

    def _update_source(self) -> None:
        doc = None
        if self.doc_id:
            try:
                doc = self.session.issue.document(self.doc_id)
            except KeyError:
                doc = None
        if doc is None:
            self.source_label.setText("")
            self.report_button.setEnabled(False)
            return
        kinds = {"docx": self.tr("Word 文件"), "txt": self.tr("文本文件"), "issue-txt": self.tr("整期文本")}
        if doc.source is not None:
            origin = doc.source.original or doc.source.name
            name = origin.replace("\\", "/").rsplit("/", 1)[-1]
            self.source_label.setText(
                self.tr("来源：%1 %2")
                .replace("%1", kinds.get(doc.source.kind, doc.source.kind))
                .replace("%2", name)
            )
        else:
            self.source_label.setText(self.tr("来源：在编辑器中录入"))
        self.report_button.setEnabled(bool(doc.report))
        self.report_button.setToolTip(self.tr("%1 条导入说明").replace("%1", str(len(doc.report))))

    # ---- edits ----------------------------------------------------------------------------
    def _field_edited(self, name: str, text: str) -> None:
        if self.doc_id:
            self.session.push(SetDocumentField(self.session, self.doc_id, name, text), origin=self)

    def _role_chosen(self, index: int) -> None:
        self.body.set_role(Role(self.role_combo.itemData(index)))
        self.body.setFocus()

    def set_role(self, role: Role) -> None:
        self.body.set_role(role)

    def _show_role(self, role: Role) -> None:
        i = self.role_combo.findData(Role(role).value)
        self.role_combo.blockSignals(True)
        self.role_combo.setCurrentIndex(i)
        self.role_combo.blockSignals(False)
        self.role_combo.setEnabled(self.doc_id is not None and Role(role) not in MARKER_ROLES)

    def _show_table(self, index: int | None) -> None:
        self.tables.show_table(self.doc_id if index is not None else None, index)

    def _cursor_moved(self) -> None:
        if self.doc_id:
            self.blockFocused.emit(self.doc_id, self.body.textCursor().blockNumber())

    def _on_changed(self, change) -> None:
        if self.doc_id is None:
            return
        if change.kind == "structure":
            try:
                self.session.issue.document(self.doc_id)
            except KeyError:
                self.set_document(None)
            return
        if change.doc_id != self.doc_id:
            return
        if change.kind == FIELD and change.origin is not self:
            self._fill_fields()
        elif change.kind == BLOCKS and change.origin is not self.body:
            self.body.load(self.doc_id, focus_block=change.index)
        if change.kind == BLOCKS and change.origin is not self:
            if change.origin is self.body and change.name == "text" and change.index is not None:
                blocks = self.session.issue.document(self.doc_id).blocks
                if change.index < len(blocks) and blocks[change.index].role not in CLOSING_ROLES:
                    return  # typing in an ordinary paragraph: the closing lines did not move
            self._fill_closing()
