<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ArchiveDialog</name>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="115"/>
        <source>档案库</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="116"/>
        <source>档案库位置：</source>
        <translation>Archive:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="117"/>
        <source>SQLite 文件路径，或 postgresql:// 地址</source>
        <translation>A SQLite file, or a postgresql:// URL</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="118"/>
        <source>检索：</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="119"/>
        <source>标题、文号或正文中的词，空格分隔</source>
        <translation>Words in titles, document numbers or text, separated by spaces</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="120"/>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="121"/>
        <source>检索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="122"/>
        <source>打开该期</source>
        <translation>Open Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="123"/>
        <source>复制到本期</source>
        <translation>Copy into This Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="127"/>
        <source>期刊 / 文件</source>
        <translation>Issue / document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="127"/>
        <source>页码</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="127"/>
        <source>发文字号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="127"/>
        <source>摘要</source>
        <translation>Snippet</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="139"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="182"/>
        <source>档案库中有 %1 期。</source>
        <translation>%1 issues in the archive.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="194"/>
        <source>找到 %1 篇文件。</source>
        <translation>%1 documents found.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="124"/>
        <source>归档本期</source>
        <translation>Archive This Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="125"/>
        <source>把正在编辑的这一期加入档案库（已有则更新）</source>
        <translation>Add the issue being edited to the archive (an archived issue is updated)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="221"/>
        <source>本期</source>
        <translation>This issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="231"/>
        <source>已更新 %1。</source>
        <translation>Updated %1.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/archive_dialog.py" line="231"/>
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
        <location filename="../../editor/gui/document_editor.py" line="361"/>
        <source>▦ 表格（%1 行 × %2 列）— 在下方表格中编辑</source>
        <translation>▦ Table (%1 rows × %2 columns) — edit it in the table below</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="365"/>
        <source>▣ 图片 %1</source>
        <translation>▣ Image %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="533"/>
        <source>编辑正文</source>
        <translation>Edit body</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="583"/>
        <source>段落角色改为“%1”</source>
        <translation>Paragraph role to “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="698"/>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../editor/gui/commands.py" line="76"/>
        <source>未命名期刊</source>
        <translation>Untitled issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="131"/>
        <source>新建栏目“%1”</source>
        <translation>New section “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="148"/>
        <source>删除栏目“%1”</source>
        <translation>Delete section “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="162"/>
        <source>栏目改名为“%1”</source>
        <translation>Rename section to “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="177"/>
        <source>移动栏目“%1”</source>
        <translation>Move section “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="208"/>
        <source>导入 %1 篇文件</source>
        <translation>Import %1 document(s)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="235"/>
        <source>删除文件“%1”</source>
        <translation>Delete document “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="255"/>
        <source>移动文件“%1”</source>
        <translation>Move document “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="269"/>
        <source>修改文件信息</source>
        <translation>Edit document details</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="296"/>
        <source>输入文字</source>
        <translation>Typing</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="320"/>
        <source>段落角色改为“%1”</source>
        <translation>Paragraph role to “%1”</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="334"/>
        <source>插入段落</source>
        <translation>Insert paragraph</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="349"/>
        <source>删除段落</source>
        <translation>Delete paragraph</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="383"/>
        <source>修改编委会</source>
        <translation>Edit editorial board</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="395"/>
        <source>修改期刊属性</source>
        <translation>Edit issue properties</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="410"/>
        <source>全部替换（%1 处）</source>
        <translation>Replace all (%1 places)</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="845"/>
        <source>发文机关标志：</source>
        <translation>Issuer banner:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="846"/>
        <source>发文字号：</source>
        <translation>Document number:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="847"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="848"/>
        <source>目录标题：</source>
        <translation>TOC title:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="849"/>
        <source>主送机关：</source>
        <translation>Recipients:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="853"/>
        <source>署名：</source>
        <translation>Signature:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="854"/>
        <source>成文日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="855"/>
        <source>附注：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="856"/>
        <source>（此件公开发布）</source>
        <translation>(此件公开发布)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="857"/>
        <source>留空则用标题</source>
        <translation>Leave empty to use the title</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="858"/>
        <source>段落角色：</source>
        <translation>Paragraph role:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="862"/>
        <source>导入报告…</source>
        <translation>Import Report…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="864"/>
        <source>在此输入正文；每段选择一个角色（正文、各级标题、署名、日期……）。</source>
        <translation>Type the body here; give each paragraph a role (body, headings, signature, date…).</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="969"/>
        <source>Word 文件</source>
        <translation>Word file</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="969"/>
        <source>文本文件</source>
        <translation>text file</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="969"/>
        <source>整期文本</source>
        <translation>whole-issue text</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="974"/>
        <source>来源：%1 %2</source>
        <translation>Source: %1 %2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="979"/>
        <source>来源：在编辑器中录入</source>
        <translation>Source: typed in the editor</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="981"/>
        <source>%1 条导入说明</source>
        <translation>%1 import note(s)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../editor/gui/export.py" line="89"/>
        <source>记录第%1校</source>
        <translation>Record Proof Round %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="291"/>
        <location filename="../../editor/gui/export.py" line="315"/>
        <source>导出印刷PDF</source>
        <translation>Export Print PDF</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="292"/>
        <source>版式模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="293"/>
        <source>印刷选项：</source>
        <translation>Print options:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="294"/>
        <source>输出文件：</source>
        <translation>Output file:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="295"/>
        <source>输出：</source>
        <translation>Output:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="296"/>
        <source>屏幕版：RGB，带书签和目录链接</source>
        <translation>Screen: RGB, with bookmarks and TOC links</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="297"/>
        <source>印刷版：PDF/X-1a，CMYK，按装订补白页</source>
        <translation>Print: PDF/X-1a, CMYK, blank pages for the binding</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="298"/>
        <source>加出血（宽度按模板，通常 3 毫米）</source>
        <translation>Add bleed (width from the template, usually 3 mm)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="299"/>
        <source>加裁切线和套准标记</source>
        <translation>Add crop and registration marks</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="300"/>
        <source>另存骑马钉拼版（文件名加 -imposed）</source>
        <translation>Also save a saddle-stitch imposition (name + -imposed)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="301"/>
        <source>印前检查</source>
        <translation>Preflight</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="303"/>
        <source>检查字体能否嵌入、图片分辨率和色彩、装订页数，不写出文件。</source>
        <translation>Check font embedding, image resolution and colour, and the page count for binding, without writing a file.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="305"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="306"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="315"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="338"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="338"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="338"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="342"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="346"/>
        <source>印前检查通过：字体可嵌入，图片分辨率和色彩、页数均符合印刷要求。</source>
        <translation>Preflight passed: fonts can be embedded; image resolution and colour and the page count suit print.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="361"/>
        <source>请先选择输出文件。</source>
        <translation>Choose an output file first.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="368"/>
        <source>文件夹 %1 不存在。请选择已有的文件夹。</source>
        <translation>The folder %1 does not exist. Choose an existing folder.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="373"/>
        <source>本期还没有文件。请先导入 Word 文件。</source>
        <translation>This issue has no documents yet. Import Word files first.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="397"/>
        <source>正在排版…</source>
        <translation>Laying out…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="405"/>
        <source>“%1”已存在。要用本期的 PDF 替换它吗？</source>
        <translation>“%1” already exists. Replace it with this issue&apos;s PDF?</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="411"/>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="437"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="444"/>
        <source>正在写入 PDF…</source>
        <translation>Writing the PDF…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="448"/>
        <source>正在排版：%1</source>
        <translation>Laying out: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="464"/>
        <source>印前检查完成：%1 项。</source>
        <translation>Preflight done: %1 item(s).</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="467"/>
        <source>已导出 %1 页：%2</source>
        <translation>Exported %1 pages: %2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="471"/>
        <source>（为装订补了 %1 个白页）</source>
        <translation> (%1 blank page(s) added for the binding)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="485"/>
        <source>已取消导出。</source>
        <translation>Export cancelled.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="492"/>
        <source>无法导出：%1</source>
        <translation>Cannot export: %1</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="94"/>
        <source>查找和替换</source>
        <translation>Find and Replace</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="95"/>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="96"/>
        <source>替换为：</source>
        <translation>Replace with:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="97"/>
        <source>正则表达式</source>
        <translation>Regular expression</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="98"/>
        <source>区分大小写</source>
        <translation>Match case</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="99"/>
        <source>查找全部</source>
        <translation>Find All</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="100"/>
        <source>全部替换</source>
        <translation>Replace All</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="101"/>
        <source>文件</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="101"/>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="101"/>
        <source>上下文</source>
        <translation>Context</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="149"/>
        <source>找到 %1 处，在 %2 篇文件中。</source>
        <translation>Found %1 places in %2 documents.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/find_dialog.py" line="173"/>
        <source>已替换 %1 处（可一步撤销）。</source>
        <translation>Replaced %1 places (one undo step).</translation>
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
        <location filename="../../editor/gui/findings_panel.py" line="89"/>
        <source>忽略问题：%1</source>
        <translation>Ignore finding: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="109"/>
        <source>取消忽略：%1</source>
        <translation>Stop ignoring: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="196"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="197"/>
        <location filename="../../editor/gui/findings_panel.py" line="323"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="198"/>
        <location filename="../../editor/gui/findings_panel.py" line="324"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="199"/>
        <location filename="../../editor/gui/findings_panel.py" line="325"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="204"/>
        <source>显示已忽略</source>
        <translation>Show ignored</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="205"/>
        <source>重新检查</source>
        <translation>Check Again</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="206"/>
        <source>转到</source>
        <translation>Go To</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="207"/>
        <source>应用修正</source>
        <translation>Apply Fix</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="212"/>
        <source>忽略…</source>
        <translation>Ignore…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="203"/>
        <source>级别：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="208"/>
        <source>修正全部同类</source>
        <translation>Fix All of This Kind</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="210"/>
        <source>应用所选检查项的全部修正（一步，可撤销）</source>
        <translation>Apply every fix of the selected check (one undo step)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="215"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="216"/>
        <location filename="../../editor/gui/findings_panel.py" line="560"/>
        <source>页</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="217"/>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="218"/>
        <source>检查项</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="219"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="356"/>
        <source>可修正：</source>
        <translation>Fix available:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="382"/>
        <source>错误 %1 条，警告 %2 条，提示 %3 条；已忽略 %4 条</source>
        <translation>%1 errors, %2 warnings, %3 notes; %4 ignored</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="431"/>
        <source>该修正已不适用：文字已改动。请重新检查。</source>
        <translation>This fix no longer applies: the text has changed. Check again.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="459"/>
        <source>全部修正：%1（%2 处）</source>
        <translation>Fix all: %1 (%2 places)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="470"/>
        <source>已修正 %1 处（%2）。可一步撤销。</source>
        <translation>Fixed %1 places (%2). One undo step takes them back.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="486"/>
        <source>忽略问题</source>
        <translation>Ignore Finding</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="487"/>
        <source>忽略的理由（保存在期刊文件中）：</source>
        <translation>Reason for ignoring (kept in the issue file):</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="491"/>
        <source>编辑确认无误</source>
        <translation>Checked by the editor</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="561"/>
        <source>文件</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="562"/>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="619"/>
        <source>封面目录</source>
        <translation>Cover and TOC</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="633"/>
        <source>还没有导出过校样。导出校样（文件 → 导出校样…）后，这里列出此后改动过的页面。</source>
        <translation>No proof has been exported yet. After you export a proof (File → Export Proof…), the pages changed since then are listed here.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="641"/>
        <source>正在排版，排好后列出改动的页面…</source>
        <translation>Laying out; the changed pages are listed when it is done…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="557"/>
        <source>与校样比较：</source>
        <translation>Compare with proof:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="608"/>
        <source>第%1校（%2）</source>
        <translation>Proof round %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="671"/>
        <source>目录：《%1》页码 %2 → %3</source>
        <translation>TOC: “%1” page %2 → %3</translation>
    </message>
    <message>
        <location filename="../../editor/gui/findings_panel.py" line="684"/>
        <source>需要重读 %1 页，目录页码变化 %2 条，仅页码变化 %3 页</source>
        <translation>%1 pages to reread, %2 TOC page numbers changed, %3 pages changed only their folio</translation>
    </message>
</context>
<context>
    <name>IssueTreeModel</name>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="175"/>
        <source>未命名期刊</source>
        <translation>Untitled issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="177"/>
        <source>%1 %2年第%3期</source>
        <translation>%1 %2 No. %3</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="190"/>
        <source>%1 篇</source>
        <translation>%1 doc(s)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="198"/>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="206"/>
        <source>目录标题</source>
        <translation>TOC title</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="206"/>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="206"/>
        <source>页码</source>
        <translation>Page</translation>
    </message>
</context>
<context>
    <name>IssueTreeView</name>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="441"/>
        <source>只能导入 Word 文件（.docx）或文本文件（.txt）。</source>
        <translation>Only Word files (.docx) or text files (.txt) can be imported.</translation>
    </message>
    <message>
        <source>未分类</source>
        <translation type="vanished">Unsorted</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="463"/>
        <source>%1 → %2：%3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="466"/>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="478"/>
        <source>导入 Word 文件</source>
        <translation>Import Word Files</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="480"/>
        <source>Word 或文本文件 (*.docx *.doc *.wps *.txt);;所有文件 (*)</source>
        <translation>Word or text files (*.docx *.doc *.wps *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="492"/>
        <source>新建栏目…</source>
        <translation>New Section…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="494"/>
        <source>重命名栏目…</source>
        <translation>Rename Section…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="495"/>
        <source>在此导入 Word 文件…</source>
        <translation>Import Word Files Here…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="498"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="503"/>
        <source>新建栏目</source>
        <translation>New Section</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="503"/>
        <location filename="../../editor/gui/issue_tree.py" line="520"/>
        <source>栏目名称：</source>
        <translation>Section name:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="520"/>
        <source>重命名栏目</source>
        <translation>Rename Section</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="536"/>
        <source>删除栏目</source>
        <translation>Delete Section</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="537"/>
        <source>栏目“%1”含 %2 篇文件，一并删除？（可撤销）</source>
        <translation>Section “%1” holds %2 document(s). Delete them too? (can be undone)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/issue_tree.py" line="551"/>
        <source>无法导入</source>
        <translation>Cannot import</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../editor/gui/main_window.py" line="409"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="410"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="411"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="412"/>
        <source>期刊(&amp;I)</source>
        <translation>&amp;Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="413"/>
        <source>文档(&amp;D)</source>
        <translation>&amp;Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="414"/>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="415"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="416"/>
        <source>最近打开</source>
        <translation>Recent Files</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="417"/>
        <location filename="../../editor/gui/main_window.py" line="477"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="418"/>
        <source>段落角色</source>
        <translation>Paragraph Role</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="420"/>
        <source>新建期刊</source>
        <translation>New Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="421"/>
        <source>打开…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="422"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="423"/>
        <source>另存为…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="424"/>
        <source>导入Word文件…</source>
        <translation>Import Word Files…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="425"/>
        <source>导出印刷PDF…</source>
        <translation>Export Print PDF…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="427"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="428"/>
        <source>刷新校样</source>
        <translation>Refresh Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="429"/>
        <source>查找…</source>
        <translation>Find…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="430"/>
        <source>替换…</source>
        <translation>Replace…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="431"/>
        <source>期刊属性…</source>
        <translation>Issue Properties…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="432"/>
        <source>编委会…</source>
        <translation>Editorial Board…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="433"/>
        <source>新建栏目…</source>
        <translation>New Section…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="434"/>
        <source>由本期新建下一期…</source>
        <translation>New Issue From This One…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="436"/>
        <location filename="../../editor/gui/main_window.py" line="1107"/>
        <source>新建文件</source>
        <translation>New Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="437"/>
        <source>删除文件</source>
        <translation>Delete Document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="438"/>
        <source>导入报告…</source>
        <translation>Import Report…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="439"/>
        <location filename="../../editor/gui/main_window.py" line="1225"/>
        <source>预检</source>
        <translation>Preflight</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="441"/>
        <source>打开恢复文件夹</source>
        <translation>Open Recovery Folder</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="442"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="443"/>
        <location filename="../../editor/gui/main_window.py" line="1272"/>
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="499"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="499"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="451"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="426"/>
        <source>导出校样…</source>
        <translation>Export Proof…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="440"/>
        <location filename="../../editor/gui/main_window.py" line="1199"/>
        <source>与校样比较</source>
        <translation>Compare with Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="452"/>
        <source>期刊结构</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="454"/>
        <source>校样</source>
        <translation>Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="455"/>
        <source>操作历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="456"/>
        <source>&lt;打开时的状态&gt;</source>
        <translation>&lt;as opened&gt;</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="458"/>
        <source>预检问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="460"/>
        <source>校样变化</source>
        <translation>Changes Since Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="477"/>
        <source>找不到英文界面翻译文件，仍使用中文。</source>
        <translation>The English translation file is missing; staying in Chinese.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="523"/>
        <source>%1（只读）</source>
        <translation>%1 (read-only)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="524"/>
        <source>%1[*] — 公报编排</source>
        <translation>%1[*] — Gazette Press</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="529"/>
        <source>%1 篇文件</source>
        <translation>%1 document(s)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="532"/>
        <source>共 %1 页</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="532"/>
        <source>尚未排版</source>
        <translation>Not laid out yet</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="661"/>
        <source>保存修改</source>
        <translation>Save Changes</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="662"/>
        <source>“%1”有未保存的修改。是否保存？</source>
        <translation>“%1” has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>市政府文件</source>
        <translation type="vanished">Municipal Government Documents</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="687"/>
        <source>打开期刊</source>
        <translation>Open Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="689"/>
        <source>期刊文件 (%1);;所有文件 (*)</source>
        <translation>Issue files (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="749"/>
        <source>文件已被打开</source>
        <translation>File Already Open</translation>
    </message>
    <message>
        <source>“%1”正由 %2 打开。两人同时修改会互相覆盖。仍要打开吗？</source>
        <translation type="vanished">“%1” is open by %2. Two people editing it at once overwrite each other. Open it anyway?</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="720"/>
        <location filename="../../editor/gui/main_window.py" line="726"/>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="727"/>
        <source>无法打开 %1：%2</source>
        <translation>Cannot open %1: %2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="735"/>
        <source>已从 %1 读入本期；保存时请选择 .gazette 文件名。</source>
        <translation>Read the issue from %1; choose a .gazette file name when saving.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="739"/>
        <source>只读打开：要保存修改，请用“另存为”换一个文件名。</source>
        <translation>Opened read-only: to keep changes, use Save As with another file name.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="751"/>
        <source>“%1”正由 %2 打开。两人同时修改会互相覆盖。</source>
        <translation>“%1” is open by %2. Two people editing it at once overwrite each other&apos;s work.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="755"/>
        <source>只读打开</source>
        <translation>Open Read-Only</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="756"/>
        <source>仍要打开</source>
        <translation>Open Anyway</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="784"/>
        <source>期刊文件已损坏</source>
        <translation>The issue file is damaged</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="785"/>
        <source>要打开备份 %1 吗？</source>
        <translation>Open the backup %1?</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="796"/>
        <source>已打开备份 %1；保存时请选择 .gazette 文件名。</source>
        <translation>Opened the backup %1; choose a .gazette file name when saving.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="827"/>
        <source>保存期刊</source>
        <translation>Save Issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="827"/>
        <source>期刊文件 (*.gazette)</source>
        <translation>Issue files (*.gazette)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="844"/>
        <source>“%1”在打开后被别人（或另一个程序）修改过。覆盖会丢掉那些修改。仍要覆盖吗？（可改用“另存为”）</source>
        <translation>“%1” was changed by someone else (or another program) since you opened it. Overwriting loses those changes. Overwrite anyway? (Or use Save As.)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="852"/>
        <source>文件已被修改</source>
        <translation>File Changed</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="868"/>
        <location filename="../../editor/gui/main_window.py" line="877"/>
        <location filename="../../editor/gui/main_window.py" line="888"/>
        <location filename="../../editor/gui/main_window.py" line="894"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="868"/>
        <source>本期是只读打开的。请用“另存为”换一个文件名保存。</source>
        <translation>This issue was opened read-only. Use Save As to save it under another name.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="878"/>
        <source>“%1”正由 %2 打开，未保存。请换一个文件名。</source>
        <translation>“%1” is open by %2; not saved. Choose another file name.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="895"/>
        <source>无法写入 %1：%2。请换一个位置保存。</source>
        <translation>Cannot write %1: %2. Save it somewhere else.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="911"/>
        <source>%1 已保存</source>
        <translation>Saved at %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="930"/>
        <source>自动保存失败：%1</source>
        <translation>Autosave failed: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="934"/>
        <source>%1 已自动保存</source>
        <translation>Autosaved at %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="949"/>
        <source>未保存的新期刊</source>
        <translation>a new, never saved issue</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="952"/>
        <source>恢复未保存的工作</source>
        <translation>Recover Unsaved Work</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="953"/>
        <source>上次程序意外退出，留下了 %1 自动保存的“%2”（%3）。是否恢复？</source>
        <translation>The program ended unexpectedly last time and left “%2” (%3), autosaved at %1. Recover it?</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="969"/>
        <source>无法恢复</source>
        <translation>Cannot recover</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="984"/>
        <source>已恢复 %1 的自动保存。请检查后保存。</source>
        <translation>Recovered the autosave of %1. Check it, then save.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1008"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1012"/>
        <source>清除列表</source>
        <translation>Clear List</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1029"/>
        <source>已新建 %1年第%2期：编委会和栏目已沿用，请导入本期文件。</source>
        <translation>Created %1 No. %2: board and sections carried over; import this issue’s documents.</translation>
    </message>
    <message>
        <source>未分类</source>
        <translation type="vanished">Unsorted</translation>
    </message>
    <message>
        <source>新文件</source>
        <translation type="vanished">New document</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1107"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1130"/>
        <source>导入报告：%1</source>
        <translation>Import Report: %1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1135"/>
        <source>导入报告</source>
        <translation>Import Report</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1170"/>
        <source>导出校样</source>
        <translation>Export Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1170"/>
        <source>本期还没有文件。请先导入 Word 文件。</source>
        <translation>This issue has no documents yet. Import Word files first.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1190"/>
        <source>已记录第%1校的页面；保存本期后，下一校可比较改动的页面。</source>
        <translation>The pages of proof round %1 are recorded; save the issue so the next round can show what changed.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1199"/>
        <source>比较面板不可用。请在命令行运行 main.py diff。</source>
        <translation>The comparison panel is not available. Run main.py diff on the command line.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1225"/>
        <source>预检面板不可用。请在命令行运行 main.py check。</source>
        <translation>The findings panel is not available. Run main.py check on the command line.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1248"/>
        <source>关于公报编排</source>
        <translation>About Gazette Press</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1250"/>
        <source>公报编排：政府公报的导入、编辑、排版和校对。
校样与印刷PDF来自同一排版结果，目录页码始终一致。</source>
        <translation>Gazette Press: import, edit, typeset and proofread a government gazette.
The proof and the print PDF come from the same layout, so TOC page numbers always match.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="435"/>
        <source>档案库…</source>
        <translation>Archive…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/main_window.py" line="1059"/>
        <source>已从档案库复制：%1</source>
        <translation>Copied from the archive: %1</translation>
    </message>
</context>
<context>
    <name>ProofExportDialog</name>
    <message>
        <location filename="../../editor/gui/export.py" line="543"/>
        <location filename="../../editor/gui/export.py" line="546"/>
        <source>导出校样</source>
        <translation>Export Proof</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="544"/>
        <source>校次：</source>
        <translation>Proof round:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="545"/>
        <source>校样日期：</source>
        <translation>Proof date:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="547"/>
        <source>校样使用本期的版式模板，与校样窗口一致，以便下一校比较页面变化。</source>
        <translation>A proof uses the issue&apos;s own template, as the proof view does, so the next round can be compared page by page.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="553"/>
        <source>%1%2年第%3期-第%4校.pdf</source>
        <translation>%1 %2 No. %3 - proof %4.pdf</translation>
    </message>
    <message>
        <location filename="../../editor/gui/export.py" line="567"/>
        <source>第%1校已导出过；再次导出会替换它记录的页面。</source>
        <translation>Proof round %1 was exported before; exporting it again replaces the pages it recorded.</translation>
    </message>
</context>
<context>
    <name>ProofView</name>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="607"/>
        <source>页面缩略图</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="608"/>
        <source>尚无排版结果：导入或打开一期公报后，这里显示印刷页面。</source>
        <translation>Nothing laid out yet: open or import an issue and its printed pages appear here.</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="609"/>
        <source>适合宽度</source>
        <translation>Fit Width</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="610"/>
        <source>适合页面</source>
        <translation>Fit Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="611"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="612"/>
        <source>实际大小：屏幕上的一毫米即印刷品上的一毫米</source>
        <translation>Actual size: a millimetre on screen is a millimetre in print</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="613"/>
        <source>放大</source>
        <translation>Zoom In</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="614"/>
        <source>缩小</source>
        <translation>Zoom Out</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="615"/>
        <source>对页</source>
        <translation>Facing Pages</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="616"/>
        <source>单页 / 对页（左右两页并排，如装订后）</source>
        <translation>Single / facing pages (side by side, as bound)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="617"/>
        <source>缩略图</source>
        <translation>Thumbnails</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="618"/>
        <source>显示或隐藏页面缩略图</source>
        <translation>Show or hide the page thumbnails</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="619"/>
        <source>上一页</source>
        <translation>Previous Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="620"/>
        <source>下一页</source>
        <translation>Next Page</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="903"/>
        <source>此页无法显示（详情见日志）</source>
        <translation>This page cannot be shown (see the log)</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="968"/>
        <source>第 {label} 页（{i}/{n}）  {zoom}%</source>
        <translation>Page {label} ({i}/{n})  {zoom}%</translation>
    </message>
    <message>
        <location filename="../../editor/gui/proof_view.py" line="995"/>
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
        <location filename="../../editor/gui/relayout.py" line="256"/>
        <source>排版失败</source>
        <translation>Layout failed</translation>
    </message>
    <message>
        <location filename="../../editor/gui/relayout.py" line="235"/>
        <source>排版中…</source>
        <translation>Laying out…</translation>
    </message>
    <message>
        <location filename="../../editor/gui/relayout.py" line="247"/>
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
        <location filename="../../editor/gui/commands.py" line="440"/>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="441"/>
        <source>一级标题</source>
        <translation>Heading 1</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="442"/>
        <source>二级标题</source>
        <translation>Heading 2</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="443"/>
        <source>三级标题</source>
        <translation>Heading 3</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="444"/>
        <source>四级标题</source>
        <translation>Heading 4</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="445"/>
        <source>附件说明</source>
        <translation>Attachment note</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="446"/>
        <source>署名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="447"/>
        <source>成文日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="448"/>
        <source>附注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="449"/>
        <source>附件标题</source>
        <translation>Attachment title</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="450"/>
        <source>表格</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../editor/gui/commands.py" line="451"/>
        <source>图片</source>
        <translation>Image</translation>
    </message>
</context>
<context>
    <name>TableEditor</name>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="203"/>
        <location filename="../../editor/gui/document_editor.py" line="315"/>
        <source>表格</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="204"/>
        <source>表头行数：</source>
        <translation>Header rows:</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="205"/>
        <source>加行</source>
        <translation>Add Row</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="206"/>
        <source>删行</source>
        <translation>Delete Row</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="207"/>
        <source>加列</source>
        <translation>Add Column</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="208"/>
        <source>删列</source>
        <translation>Delete Column</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="274"/>
        <source>编辑表格</source>
        <translation>Edit table</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="278"/>
        <source>修改表头行数</source>
        <translation>Change header rows</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="309"/>
        <source>修改表格结构</source>
        <translation>Change table shape</translation>
    </message>
    <message>
        <location filename="../../editor/gui/document_editor.py" line="316"/>
        <source>表格中有合并单元格，只能在末尾加行。请先在 Word 中调整合并单元格。</source>
        <translation>The table has merged cells: only rows can be added. Adjust merged cells in Word first.</translation>
    </message>
</context>
</TS>
