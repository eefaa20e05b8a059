<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ArchiveDialog</name>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>档案库</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>档案库位置：</source>
        <translation>Archive:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>SQLite 文件路径，或 postgresql:// 地址</source>
        <translation>A SQLite file, or a postgresql:// URL</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>检索：</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>标题、文号或正文中的词，空格分隔</source>
        <translation>Words in titles, document numbers or text, separated by spaces</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>检索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>打开该期</source>
        <translation>Open Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>复制到本期</source>
        <translation>Copy into This Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>期刊 / 文件</source>
        <translation>Issue / document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>页码</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>发文字号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>摘要</source>
        <translation>Snippet</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>档案库中有 %1 期。</source>
        <translation>%1 issues in the archive.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>找到 %1 篇文件。</source>
        <translation>%1 documents found.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>归档本期</source>
        <translation>Archive This Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>把正在编辑的这一期加入档案库（已有则更新）</source>
        <translation>Add the issue being edited to the archive (an archived issue is updated)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>本期</source>
        <translation>This issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>已更新 %1。</source>
        <translation>Updated %1.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py"/>
        <source>已归档 %1。</source>
        <translation>Archived %1.</translation>
    </message>
</context>
<context>
    <name>BoardDialog</name>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="241"/>
        <source>编委会</source>
        <translation>Editorial Board</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="242"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="243"/>
        <source>职务或项目</source>
        <translation>Role or item</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="243"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="243"/>
        <source>人员或内容</source>
        <translation>People or text</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="244"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="245"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="246"/>
        <source>上移</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="247"/>
        <source>下移</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="249"/>
        <source>“人员”一行可填多人，用空格、顿号或逗号分开；“文字”一行如主办、地址、邮编、电话、传真。</source>
        <translation>A “People” line takes several names separated by spaces, 、 or commas; a “Text” line is for sponsor, publisher, address, post code, phone, fax.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="254"/>
        <location filename="../../editor/gui/dialogs.py" line="267"/>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="255"/>
        <location filename="../../editor/gui/dialogs.py" line="268"/>
        <source>文字</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>BodyEdit</name>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="381"/>
        <source>▦ 表格（%1 行 × %2 列）— 在下方表格中编辑</source>
        <translation>▦ Table (%1 rows × %2 columns) — edit it in the table below</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="385"/>
        <source>▣ 图片 %1</source>
        <translation>▣ Image %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="548"/>
        <source>编辑正文</source>
        <translation>Edit body</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="598"/>
        <source>段落角色改为“%1”</source>
        <translation>Paragraph role to “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="690"/>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../editor/gui/commands.py" line="72"/>
        <source>未命名期刊</source>
        <translation>Untitled issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="126"/>
        <source>新建栏目“%1”</source>
        <translation>New section “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="143"/>
        <source>删除栏目“%1”</source>
        <translation>Delete section “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="157"/>
        <source>栏目改名为“%1”</source>
        <translation>Rename section to “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="172"/>
        <source>移动栏目“%1”</source>
        <translation>Move section “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="203"/>
        <source>导入 %1 篇文件</source>
        <translation>Import %1 document(s)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="230"/>
        <source>删除文件“%1”</source>
        <translation>Delete document “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="250"/>
        <source>移动文件“%1”</source>
        <translation>Move document “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="264"/>
        <source>修改文件信息</source>
        <translation>Edit document details</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="291"/>
        <source>输入文字</source>
        <translation>Typing</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="315"/>
        <source>段落角色改为“%1”</source>
        <translation>Paragraph role to “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="329"/>
        <source>插入段落</source>
        <translation>Insert paragraph</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="344"/>
        <source>删除段落</source>
        <translation>Delete paragraph</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="378"/>
        <source>修改编委会</source>
        <translation>Edit editorial board</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="390"/>
        <source>修改期刊属性</source>
        <translation>Edit issue properties</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="804"/>
        <source>发文机关标志：</source>
        <translation>Issuer banner:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="805"/>
        <source>发文字号：</source>
        <translation>Document number:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="806"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="807"/>
        <source>目录标题：</source>
        <translation>TOC title:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="808"/>
        <source>主送机关：</source>
        <translation>Recipients:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="812"/>
        <source>署名：</source>
        <translation>Signature:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="813"/>
        <source>成文日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="814"/>
        <source>附注：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="815"/>
        <source>（此件公开发布）</source>
        <translation>(此件公开发布)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="816"/>
        <source>留空则用标题</source>
        <translation>Leave empty to use the title</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="817"/>
        <source>段落角色：</source>
        <translation>Paragraph role:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="821"/>
        <source>导入报告…</source>
        <translation>Import Report…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="823"/>
        <source>在此输入正文；每段选择一个角色（正文、各级标题、署名、日期……）。</source>
        <translation>Type the body here; give each paragraph a role (body, headings, signature, date…).</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="931"/>
        <source>Word 文件</source>
        <translation>Word file</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="931"/>
        <source>文本文件</source>
        <translation>text file</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="931"/>
        <source>整期文本</source>
        <translation>whole-issue text</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="936"/>
        <source>来源：%1 %2</source>
        <translation>Source: %1 %2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="941"/>
        <source>来源：在编辑器中录入</source>
        <translation>Source: typed in the editor</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="943"/>
        <source>%1 条导入说明</source>
        <translation>%1 import note(s)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../editor/gui/export.py" line="90"/>
        <source>记录第%1校</source>
        <translation>Record Proof Round %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="301"/>
        <location filename="../../editor/gui/export.py" line="325"/>
        <source>导出印刷PDF</source>
        <translation>Export Print PDF</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="302"/>
        <source>版式模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="303"/>
        <source>印刷选项：</source>
        <translation>Print options:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="304"/>
        <source>输出文件：</source>
        <translation>Output file:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="305"/>
        <source>输出：</source>
        <translation>Output:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="306"/>
        <source>屏幕版：RGB，带书签和目录链接</source>
        <translation>Screen: RGB, with bookmarks and TOC links</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="307"/>
        <source>印刷版：PDF/X-1a，CMYK，按装订补白页</source>
        <translation>Print: PDF/X-1a, CMYK, blank pages for the binding</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="308"/>
        <source>加出血（宽度按模板，通常 3 毫米）</source>
        <translation>Add bleed (width from the template, usually 3 mm)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="309"/>
        <source>加裁切线和套准标记</source>
        <translation>Add crop and registration marks</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="310"/>
        <source>另存骑马钉拼版（文件名加 -imposed）</source>
        <translation>Also save a saddle-stitch imposition (name + -imposed)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="311"/>
        <source>印前检查</source>
        <translation>Preflight</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="313"/>
        <source>检查字体能否嵌入、图片分辨率和色彩、装订页数，不写出文件。</source>
        <translation>Check font embedding, image resolution and colour, and the page count for binding, without writing a file.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="315"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="316"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="325"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="348"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="348"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="348"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="352"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="356"/>
        <source>印前检查通过：字体可嵌入，图片分辨率和色彩、页数均符合印刷要求。</source>
        <translation>Preflight passed: fonts can be embedded; image resolution and colour and the page count suit print.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="371"/>
        <source>请先选择输出文件。</source>
        <translation>Choose an output file first.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="378"/>
        <source>文件夹 %1 不存在。请选择已有的文件夹。</source>
        <translation>The folder %1 does not exist. Choose an existing folder.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="381"/>
        <source>本期还没有文件。请先导入 Word 文件。</source>
        <translation>This issue has no documents yet. Import Word files first.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="405"/>
        <source>正在排版…</source>
        <translation>Laying out…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="428"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="435"/>
        <source>正在写入 PDF…</source>
        <translation>Writing the PDF…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="439"/>
        <source>正在排版：%1</source>
        <translation>Laying out: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="455"/>
        <source>印前检查完成：%1 项。</source>
        <translation>Preflight done: %1 item(s).</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="458"/>
        <source>已导出 %1 页：%2</source>
        <translation>Exported %1 pages: %2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="462"/>
        <source>（为装订补了 %1 个白页）</source>
        <translation> (%1 blank page(s) added for the binding)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="476"/>
        <source>已取消导出。</source>
        <translation>Export cancelled.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="483"/>
        <source>无法导出：%1</source>
        <translation>Cannot export: %1</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="58"/>
        <source>修正：%1</source>
        <translation>Fix: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="86"/>
        <source>忽略问题：%1</source>
        <translation>Ignore finding: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="106"/>
        <source>取消忽略：%1</source>
        <translation>Stop ignoring: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="189"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="190"/>
        <location filename="../../editor/gui/findings_panel.py" line="295"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="191"/>
        <location filename="../../editor/gui/findings_panel.py" line="296"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="192"/>
        <location filename="../../editor/gui/findings_panel.py" line="297"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="197"/>
        <source>显示已忽略</source>
        <translation>Show ignored</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="198"/>
        <source>重新检查</source>
        <translation>Check Again</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="199"/>
        <source>转到</source>
        <translation>Go To</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="200"/>
        <source>应用修正</source>
        <translation>Apply Fix</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="201"/>
        <source>忽略…</source>
        <translation>Ignore…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="196"/>
        <source>级别：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="204"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="205"/>
        <location filename="../../editor/gui/findings_panel.py" line="470"/>
        <source>页</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="206"/>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="207"/>
        <source>检查项</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="208"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="317"/>
        <source>可修正：</source>
        <translation>Fix available:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="332"/>
        <source>错误 %1 条，警告 %2 条，提示 %3 条；已忽略 %4 条</source>
        <translation>%1 errors, %2 warnings, %3 notes; %4 ignored</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="380"/>
        <source>该修正已不适用：文字已改动。请重新检查。</source>
        <translation>This fix no longer applies: the text has changed. Check again.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="396"/>
        <source>忽略问题</source>
        <translation>Ignore Finding</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="397"/>
        <source>忽略的理由（保存在期刊文件中）：</source>
        <translation>Reason for ignoring (kept in the issue file):</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="401"/>
        <source>编辑确认无误</source>
        <translation>Checked by the editor</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="471"/>
        <source>文件</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="472"/>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="529"/>
        <source>封面目录</source>
        <translation>Cover and TOC</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="543"/>
        <source>还没有导出过校样。导出校样（文件 → 导出校样…）后，这里列出此后改动过的页面。</source>
        <translation>No proof has been exported yet. After you export a proof (File → Export Proof…), the pages changed since then are listed here.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="551"/>
        <source>正在排版，排好后列出改动的页面…</source>
        <translation>Laying out; the changed pages are listed when it is done…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="467"/>
        <source>与校样比较：</source>
        <translation>Compare with proof:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="518"/>
        <source>第%1校（%2）</source>
        <translation>Proof round %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="581"/>
        <source>目录：《%1》页码 %2 → %3</source>
        <translation>TOC: “%1” page %2 → %3</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="594"/>
        <source>需要重读 %1 页，目录页码变化 %2 条，仅页码变化 %3 页</source>
        <translation>%1 pages to reread, %2 TOC page numbers changed, %3 pages changed only their folio</translation>
    </message>
</context>
<context>
    <name>IssueTreeModel</name>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="161"/>
        <source>未命名期刊</source>
        <translation>Untitled issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="163"/>
        <source>%1 %2年第%3期</source>
        <translation>%1 %2 No. %3</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="176"/>
        <source>%1 篇</source>
        <translation>%1 doc(s)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="184"/>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="192"/>
        <source>目录标题</source>
        <translation>TOC title</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="192"/>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="192"/>
        <source>页码</source>
        <translation>Page</translation>
    </message>
</context>
<context>
    <name>IssueTreeView</name>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="416"/>
        <source>只能导入 Word 文件（.docx）或文本文件（.txt）。</source>
        <translation>Only Word files (.docx) or text files (.txt) can be imported.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="420"/>
        <source>未分类</source>
        <translation>Unsorted</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="438"/>
        <source>%1 → %2：%3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="441"/>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="453"/>
        <source>导入 Word 文件</source>
        <translation>Import Word Files</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="455"/>
        <source>Word 或文本文件 (*.docx *.doc *.wps *.txt);;所有文件 (*)</source>
        <translation>Word or text files (*.docx *.doc *.wps *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="467"/>
        <source>新建栏目…</source>
        <translation>New Section…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="469"/>
        <source>重命名栏目…</source>
        <translation>Rename Section…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="470"/>
        <source>在此导入 Word 文件…</source>
        <translation>Import Word Files Here…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="473"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="478"/>
        <source>新建栏目</source>
        <translation>New Section</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="478"/>
        <location filename="../../editor/gui/issue_tree.py" line="495"/>
        <source>栏目名称：</source>
        <translation>Section name:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="495"/>
        <source>重命名栏目</source>
        <translation>Rename Section</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="511"/>
        <source>删除栏目</source>
        <translation>Delete Section</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="512"/>
        <source>栏目“%1”含 %2 篇文件，一并删除？（可撤销）</source>
        <translation>Section “%1” holds %2 document(s). Delete them too? (can be undone)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="526"/>
        <source>无法导入</source>
        <translation>Cannot import</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../editor/gui/main_window.py" line="383"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="384"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="385"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="386"/>
        <source>期刊(&amp;I)</source>
        <translation>&amp;Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="387"/>
        <source>文档(&amp;D)</source>
        <translation>&amp;Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="388"/>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="389"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="390"/>
        <source>最近打开</source>
        <translation>Recent Files</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="391"/>
        <location filename="../../editor/gui/main_window.py" line="448"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="392"/>
        <source>段落角色</source>
        <translation>Paragraph Role</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="394"/>
        <source>新建期刊</source>
        <translation>New Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="395"/>
        <source>打开…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="396"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="397"/>
        <source>另存为…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="398"/>
        <source>导入Word文件…</source>
        <translation>Import Word Files…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="399"/>
        <source>导出印刷PDF…</source>
        <translation>Export Print PDF…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="401"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="402"/>
        <source>刷新校样</source>
        <translation>Refresh Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="403"/>
        <source>期刊属性…</source>
        <translation>Issue Properties…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="404"/>
        <source>编委会…</source>
        <translation>Editorial Board…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="405"/>
        <source>新建栏目…</source>
        <translation>New Section…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="406"/>
        <source>由本期新建下一期…</source>
        <translation>New Issue From This One…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="407"/>
        <location filename="../../editor/gui/main_window.py" line="900"/>
        <source>新建文件</source>
        <translation>New Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="408"/>
        <source>删除文件</source>
        <translation>Delete Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="409"/>
        <source>导入报告…</source>
        <translation>Import Report…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="410"/>
        <location filename="../../editor/gui/main_window.py" line="1006"/>
        <source>预检</source>
        <translation>Preflight</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="412"/>
        <source>打开恢复文件夹</source>
        <translation>Open Recovery Folder</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="413"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="414"/>
        <location filename="../../editor/gui/main_window.py" line="1046"/>
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="470"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="470"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="422"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="400"/>
        <source>导出校样…</source>
        <translation>Export Proof…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="411"/>
        <location filename="../../editor/gui/main_window.py" line="980"/>
        <source>与校样比较</source>
        <translation>Compare with Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="423"/>
        <source>期刊结构</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="425"/>
        <source>校样</source>
        <translation>Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="426"/>
        <source>操作历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="427"/>
        <source>&lt;打开时的状态&gt;</source>
        <translation>&lt;as opened&gt;</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="429"/>
        <source>预检问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="431"/>
        <source>校样变化</source>
        <translation>Changes Since Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="448"/>
        <source>找不到英文界面翻译文件，仍使用中文。</source>
        <translation>The English translation file is missing; staying in Chinese.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="493"/>
        <source>%1[*] — 公报编排</source>
        <translation>%1[*] — Gazette Press</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="498"/>
        <source>%1 篇文件</source>
        <translation>%1 document(s)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="501"/>
        <source>共 %1 页</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="501"/>
        <source>尚未排版</source>
        <translation>Not laid out yet</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="631"/>
        <source>保存修改</source>
        <translation>Save Changes</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="632"/>
        <source>“%1”有未保存的修改。是否保存？</source>
        <translation>“%1” has unsaved changes. Save them?</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="648"/>
        <source>市政府文件</source>
        <translation>Municipal Government Documents</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="657"/>
        <source>打开期刊</source>
        <translation>Open Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="659"/>
        <source>期刊文件 (%1);;所有文件 (*)</source>
        <translation>Issue files (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="677"/>
        <source>文件已被打开</source>
        <translation>File Already Open</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="678"/>
        <source>“%1”正由 %2 打开。两人同时修改会互相覆盖。仍要打开吗？</source>
        <translation>“%1” is open by %2. Two people editing it at once overwrite each other. Open it anyway?</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="689"/>
        <location filename="../../editor/gui/main_window.py" line="693"/>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="694"/>
        <source>无法打开 %1：%2</source>
        <translation>Cannot open %1: %2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="702"/>
        <source>已从 %1 读入本期；保存时请选择 .gazette 文件名。</source>
        <translation>Read the issue from %1; choose a .gazette file name when saving.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="720"/>
        <source>期刊文件已损坏</source>
        <translation>The issue file is damaged</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="721"/>
        <source>要打开备份 %1 吗？</source>
        <translation>Open the backup %1?</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="733"/>
        <source>已打开备份 %1；保存时请选择 .gazette 文件名。</source>
        <translation>Opened the backup %1; choose a .gazette file name when saving.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="729"/>
        <source>保存期刊</source>
        <translation>Save Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="732"/>
        <source>期刊文件 (*.gazette)</source>
        <translation>Issue files (*.gazette)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="751"/>
        <location filename="../../editor/gui/main_window.py" line="755"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="756"/>
        <source>无法写入 %1：%2。请换一个位置保存。</source>
        <translation>Cannot write %1: %2. Save it somewhere else.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="772"/>
        <source>%1 已保存</source>
        <translation>Saved at %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="786"/>
        <source>自动保存失败：%1</source>
        <translation>Autosave failed: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="790"/>
        <source>%1 已自动保存</source>
        <translation>Autosaved at %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="805"/>
        <source>未保存的新期刊</source>
        <translation>a new, never saved issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="808"/>
        <source>恢复未保存的工作</source>
        <translation>Recover Unsaved Work</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="809"/>
        <source>上次程序意外退出，留下了 %1 自动保存的“%2”（%3）。是否恢复？</source>
        <translation>The program ended unexpectedly last time and left “%2” (%3), autosaved at %1. Recover it?</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="825"/>
        <source>无法恢复</source>
        <translation>Cannot recover</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="834"/>
        <source>已恢复 %1 的自动保存。请检查后保存。</source>
        <translation>Recovered the autosave of %1. Check it, then save.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="858"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="862"/>
        <source>清除列表</source>
        <translation>Clear List</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="879"/>
        <source>已新建 %1年第%2期：编委会和栏目已沿用，请导入本期文件。</source>
        <translation>Created %1 No. %2: board and sections carried over; import this issue’s documents.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="896"/>
        <source>未分类</source>
        <translation>Unsorted</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="898"/>
        <source>新文件</source>
        <translation>New document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="900"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="923"/>
        <source>导入报告：%1</source>
        <translation>Import Report: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="928"/>
        <source>导入报告</source>
        <translation>Import Report</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="951"/>
        <source>导出校样</source>
        <translation>Export Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="951"/>
        <source>本期还没有文件。请先导入 Word 文件。</source>
        <translation>This issue has no documents yet. Import Word files first.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="971"/>
        <source>已记录第%1校的页面；保存本期后，下一校可比较改动的页面。</source>
        <translation>The pages of proof round %1 are recorded; save the issue so the next round can show what changed.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="980"/>
        <source>比较面板不可用。请在命令行运行 main.py diff。</source>
        <translation>The comparison panel is not available. Run main.py diff on the command line.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1006"/>
        <source>预检面板不可用。请在命令行运行 main.py check。</source>
        <translation>The findings panel is not available. Run main.py check on the command line.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1024"/>
        <source>关于公报编排</source>
        <translation>About Gazette Press</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1026"/>
        <source>公报编排：政府公报的导入、编辑、排版和校对。
校样与印刷PDF来自同一排版结果，目录页码始终一致。</source>
        <translation>Gazette Press: import, edit, typeset and proofread a government gazette.
The proof and the print PDF come from the same layout, so TOC page numbers always match.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py"/>
        <source>档案库…</source>
        <translation>Archive…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py"/>
        <source>已从档案库复制：%1</source>
        <translation>Copied from the archive: %1</translation>
    </message>
</context>
<context>
    <name>ProofExportDialog</name>
    <message>
        <location filename="../../editor/gui/export.py" line="531"/>
        <location filename="../../editor/gui/export.py" line="534"/>
        <source>导出校样</source>
        <translation>Export Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="532"/>
        <source>校次：</source>
        <translation>Proof round:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="533"/>
        <source>校样日期：</source>
        <translation>Proof date:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="535"/>
        <source>校样使用本期的版式模板，与校样窗口一致，以便下一校比较页面变化。</source>
        <translation>A proof uses the issue&apos;s own template, as the proof view does, so the next round can be compared page by page.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="541"/>
        <source>%1%2年第%3期-第%4校.pdf</source>
        <translation>%1 %2 No. %3 - proof %4.pdf</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="555"/>
        <source>第%1校已导出过；再次导出会替换它记录的页面。</source>
        <translation>Proof round %1 was exported before; exporting it again replaces the pages it recorded.</translation>
    </message>
</context>
<context>
    <name>ProofView</name>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="600"/>
        <source>页面缩略图</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="601"/>
        <source>尚无排版结果：导入或打开一期公报后，这里显示印刷页面。</source>
        <translation>Nothing laid out yet: open or import an issue and its printed pages appear here.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="602"/>
        <source>适合宽度</source>
        <translation>Fit Width</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="603"/>
        <source>适合页面</source>
        <translation>Fit Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="604"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="605"/>
        <source>实际大小：屏幕上的一毫米即印刷品上的一毫米</source>
        <translation>Actual size: a millimetre on screen is a millimetre in print</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="606"/>
        <source>放大</source>
        <translation>Zoom In</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="607"/>
        <source>缩小</source>
        <translation>Zoom Out</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="608"/>
        <source>对页</source>
        <translation>Facing Pages</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="609"/>
        <source>单页 / 对页（左右两页并排，如装订后）</source>
        <translation>Single / facing pages (side by side, as bound)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="610"/>
        <source>缩略图</source>
        <translation>Thumbnails</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="611"/>
        <source>显示或隐藏页面缩略图</source>
        <translation>Show or hide the page thumbnails</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="612"/>
        <source>上一页</source>
        <translation>Previous Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="613"/>
        <source>下一页</source>
        <translation>Next Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="877"/>
        <source>此页无法显示（详情见日志）</source>
        <translation>This page cannot be shown (see the log)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="942"/>
        <source>第 {label} 页（{i}/{n}）  {zoom}%</source>
        <translation>Page {label} ({i}/{n})  {zoom}%</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="964"/>
        <source>第 {label} 页</source>
        <translation>Page {label}</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="122"/>
        <source>期刊属性</source>
        <translation>Issue Properties</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="124"/>
        <source>公报名称：</source>
        <translation>Gazette name:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="125"/>
        <source>主办单位：</source>
        <translation>Sponsor:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="126"/>
        <source>刊期：</source>
        <translation>Periodicity:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="127"/>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="128"/>
        <source>期号（年第N期）：</source>
        <translation>Number in the year:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="129"/>
        <source>总期号（总第N期）：</source>
        <translation>Cumulative number:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="130"/>
        <source>出版日期：</source>
        <translation>Publication date:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="131"/>
        <source>起始页码：</source>
        <translation>First page number:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="132"/>
        <source>版式模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="136"/>
        <source>由本期新建下一期…</source>
        <translation>New Issue From This One…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="137"/>
        <source>期号递增，沿用编委会、栏目和模板，栏目内容为空</source>
        <translation>Advances the number; keeps board, sections and template, with empty sections</translation>
    </message>
</context>
<context>
    <name>Relayout</name>
    <message>
        <location filename="../../editor/gui/relayout.py" line="233"/>
        <location filename="../../editor/gui/relayout.py" line="259"/>
        <source>排版失败</source>
        <translation>Layout failed</translation>
    </message>
    <message>
        <location filename="../../editor/gui/relayout.py" line="238"/>
        <source>排版中…</source>
        <translation>Laying out…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/relayout.py" line="250"/>
        <source>已更新</source>
        <translation>Up to date</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../editor/gui/dialogs.py" line="334"/>
        <source>没有需要注意的内容。</source>
        <translation>Nothing to note.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../editor/gui/commands.py" line="401"/>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="402"/>
        <source>一级标题</source>
        <translation>Heading 1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="403"/>
        <source>二级标题</source>
        <translation>Heading 2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="404"/>
        <source>三级标题</source>
        <translation>Heading 3</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="405"/>
        <source>四级标题</source>
        <translation>Heading 4</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="406"/>
        <source>附件说明</source>
        <translation>Attachment note</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="407"/>
        <source>署名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="408"/>
        <source>成文日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="409"/>
        <source>附注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="410"/>
        <source>附件标题</source>
        <translation>Attachment title</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="411"/>
        <source>表格</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="412"/>
        <source>图片</source>
        <translation>Image</translation>
    </message>
</context>
<context>
    <name>TableEditor</name>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="225"/>
        <location filename="../../editor/gui/document_editor.py" line="337"/>
        <source>表格</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="226"/>
        <source>表头行数：</source>
        <translation>Header rows:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="227"/>
        <source>加行</source>
        <translation>Add Row</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="228"/>
        <source>删行</source>
        <translation>Delete Row</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="229"/>
        <source>加列</source>
        <translation>Add Column</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="230"/>
        <source>删列</source>
        <translation>Delete Column</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="296"/>
        <source>编辑表格</source>
        <translation>Edit table</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="300"/>
        <source>修改表头行数</source>
        <translation>Change header rows</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="331"/>
        <source>修改表格结构</source>
        <translation>Change table shape</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="338"/>
        <source>表格中有合并单元格，只能在末尾加行。请先在 Word 中调整合并单元格。</source>
        <translation>The table has merged cells: only rows can be added. Adjust merged cells in Word first.</translation>
    </message>
</context>
</TS>
