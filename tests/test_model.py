import datetime

from editor.model import Board, BoardEntry, Document, Gazette, Issue, Role


def make(periodicity="双月刊", number=2, month=3) -> Issue:
    issue = Issue(Gazette("示例公报", periodicity), 2018, number, 51, datetime.date(2018, month, 19))
    issue.add_section("市政府文件")
    issue.add_section("市政府办公室文件")
    issue.add_document(0, Document("", title="甲"))
    issue.board = Board("编委会", [BoardEntry("编委", ["张三"]), BoardEntry("邮编", text="125000")])
    return issue


def test_next_issue_bimonthly_carries_board_and_empty_sections():
    nxt = make().next_issue()
    assert (nxt.year, nxt.number, nxt.cumulative) == (2018, 3, 52)
    assert nxt.date == datetime.date(2018, 5, 19)
    assert [s.name for s in nxt.sections] == ["市政府文件", "市政府办公室文件"]
    assert all(not s.documents for s in nxt.sections)
    assert nxt.board.entries[0].people == ["张三"]
    nxt.board.entries[0].people.append("李四")  # a copy, not shared with the old issue
    assert make().board.entries[0].people == ["张三"]


def test_next_issue_wraps_the_year():
    nxt = make(number=6, month=11).next_issue()
    assert (nxt.year, nxt.number, nxt.cumulative, nxt.date) == (2019, 1, 52, datetime.date(2019, 1, 19))
    assert make("月刊", number=12, month=12).next_issue().number == 1
    q = make("季刊", number=3, month=9).next_issue()
    assert (q.year, q.number, q.date.month) == (2018, 4, 12)


def test_document_moves_and_roles():
    issue = make()
    issue.add_document(0, Document("", title="乙"))
    issue.add_document(1, Document("", title="丙"))
    assert [d.id for d in issue.documents()] == ["d1", "d2", "d3"]
    issue.move_document(0, 0, 1, 1)
    assert [[d.title for d in s.documents] for s in issue.sections] == [["乙"], ["丙", "甲"]]
    issue.move_section(1, 0)
    assert issue.sections[0].name == "市政府办公室文件"
    doc = issue.document("d2")
    doc.blocks.append(__import__("editor.model", fromlist=["Block"]).Block(Role.PARAGRAPH, "一、总则"))
    assert issue.set_block_role("d2", 0, Role.HEADING1) == Role.PARAGRAPH
    assert doc.blocks[0].role == Role.HEADING1


def test_repeat_documents_copies_each_section_with_unique_ids():
    issue = Issue()
    issue.add_section("甲")
    issue.add_section("乙")
    issue.add_document(0, Document("d1", title="一"))
    issue.add_document(1, Document("d2", title="二"))
    issue.repeat_documents(3)
    assert [d.title for d in issue.sections[0].documents] == ["一"] * 3
    assert [d.id for d in issue.sections[1].documents] == ["d2", "d2x0", "d2x1"]
    assert len({d.id for d in issue.documents()}) == 6
    issue.sections[0].documents[1].title = "改"
    assert issue.sections[0].documents[0].title == "一"  # copies, not the same object
