// Labels in Chinese and English. The language is the reader's choice (kept in localStorage), else
// the browser's; every label lives here, so a page shows no untranslated text.
const LABELS = {
  'app.title': ['优质内容征集评选', 'Selection'],
  'skip': ['跳到内容', 'Skip to the content'],
  'app.tagline': ['可核验的评选结果', 'Results anyone can check'],
  'lang.switch': ['English', '中文'],
  'lang.switch.label': ['切换为英文', 'Switch to Chinese'],
  'nav.main': ['主导航', 'Main navigation'],
  'nav.stages': ['评选阶段', 'Stages'],
  'nav.works': ['作品', 'Works'],
  'nav.import': ['导入作品', 'Import works'],
  'nav.suspicious': ['可疑投票', 'Suspicious votes'],
  'nav.review': ['我的评分', 'My reviews'],
  'nav.rankings': ['排名与入围', 'Rankings'],
  'nav.live': ['实时投票', 'Live voting'],
  'nav.lists': ['名单下载', 'Lists'],
  'nav.audit': ['审计', 'Audit'],
  'edition': ['届次', 'Edition'],
  'signin': ['登录', 'Sign in'],
  'signout': ['退出', 'Sign out'],
  'signin.title': ['登录控制台', 'Sign in to the console'],
  'signin.username': ['用户名', 'User name'],
  'signin.password': ['密码', 'Password'],
  'signin.error': ['用户名或密码错误。', 'Wrong user name or password.'],
  'signin.out': ['您已退出。', 'You are signed out.'],
  'signed.in.as': ['当前用户', 'Signed in as'],
  'role.none': ['此账号（投票前端）没有控制台页面。', 'This account (a voting front-end) has no console pages.'],
  'role.forbidden': ['您的角色不能查看此页。', 'Your role may not see this page.'],
  'loading': ['加载中…', 'Loading…'],
  'error': ['出错了', 'Something went wrong'],
  'refused': ['被拒绝', 'Refused'],
  'stage': ['阶段', 'Stage'],
  'stage.DRAFT': ['草稿', 'Draft'],
  'stage.COLLECTING': ['作品征集', 'Collecting works'],
  'stage.PRELIMINARY_REVIEW': ['初评', 'Preliminary review'],
  'stage.SHORTLIST_PUBLISHED': ['入围公示', 'Shortlist published'],
  'stage.VOTING': ['网络投票', 'Public voting'],
  'stage.FINAL_REVIEW': ['终评', 'Final review'],
  'stage.RESULTS_PUBLISHED': ['结果发布', 'Results published'],
  'stage.timeline': ['阶段进程', 'Stage timeline'],
  'stage.current': ['当前阶段', 'Current stage'],
  'stage.next': ['进入下一阶段：', 'Move on to: '],
  'stage.final': ['评选已完成，结果已发布。', 'The selection is complete; the results are published.'],
  'stage.confirm': ['确认进入下一阶段？此操作记入日志，不可撤销。', 'Move the edition on? This is recorded in the log and cannot be undone.'],
  'stage.moved': ['已进入', 'Moved to'],
  'confirm': ['确认', 'Confirm'],
  'cancel': ['取消', 'Cancel'],
  'counts': ['统计', 'Counts'],
  'counts.works': ['作品', 'Works'],
  'counts.reviewers': ['评审', 'Reviewers'],
  'counts.accepted': ['有效投票', 'Accepted votes'],
  'counts.refused': ['被拒投票', 'Refused votes'],
  'status': ['状态', 'Status'],
  'status.ALL': ['全部', 'All'],
  'status.SUBMITTED': ['已提交', 'Submitted'],
  'status.SHORTLISTED': ['入围', 'Shortlisted'],
  'status.NOT_SHORTLISTED': ['未入围', 'Not shortlisted'],
  'status.NOT_SELECTED': ['未获选', 'Not selected'],
  'status.WINNER': ['获选', 'Winner'],
  'status.DISQUALIFIED': ['已取消资格', 'Disqualified'],
  'search': ['搜索', 'Search'],
  'search.works': ['按编号、标题或单位搜索', 'Search by id, title or organisation'],
  'category': ['类别', 'Category'],
  'category.all': ['全部类别', 'All categories'],
  'work': ['作品', 'Work'],
  'work.id': ['编号', 'Id'],
  'work.title': ['标题', 'Title'],
  'work.organisation': ['单位', 'Organisation'],
  'work.url': ['链接', 'Link'],
  'work.publishedOn': ['发布日期', 'Published on'],
  'work.submissionNo': ['提交序号', 'Submission no.'],
  'work.history': ['历程', 'History'],
  'work.standing': ['现状说明', 'Where it stands'],
  'work.line': ['日志行号（seq）', 'Line of the log (seq)'],
  'work.explanation.hint': ['每条说明后的 # 号是其依据的日志行（seq），与导出日志的行号相同。本说明依据的日志行数：', 'The # before each statement is the line of the log (seq) it rests on, the line number of the export. Lines of the log this explanation rests on:'],
  'work.disqualify': ['取消资格', 'Disqualify'],
  'work.disqualify.reason': ['取消原因', 'Reason'],
  'work.details': ['作品信息', 'Details'],
  'prev': ['上一页', 'Previous'],
  'next': ['下一页', 'Next'],
  'page.of': ['共', 'of'],
  'rank': ['名次', 'Rank'],
  'scores': ['评分', 'Scores'],
  'score': ['分数', 'Score'],
  'preliminaryScore': ['初评得分', 'Preliminary score'],
  'juryScore': ['评委得分', 'Jury score'],
  'voteScore': ['投票得分', 'Vote score'],
  'finalScore': ['最终得分', 'Final score'],
  'validVotes': ['有效票', 'Valid votes'],
  'invalidatedVotes': ['作废票', 'Invalidated votes'],
  'import.title': ['导入作品（NDJSON，每行一件）', 'Import works (NDJSON, one work a line)'],
  'import.file': ['选择文件', 'Choose a file'],
  'import.text': ['或粘贴内容', 'or paste the lines'],
  'import.send': ['导入', 'Import'],
  'import.accepted': ['已接收', 'Accepted'],
  'import.refusedLines': ['被拒绝的行', 'Refused lines'],
  'line': ['行', 'Line'],
  'code': ['代码', 'Code'],
  'detail': ['说明', 'Detail'],
  'suspicious.title': ['可疑投票集合', 'Suspicious vote sets'],
  'suspicious.none': ['没有标记的集合。', 'No flagged sets.'],
  'suspicious.rule': ['规则', 'Rule'],
  'suspicious.key': ['来源', 'Source'],
  'suspicious.votes': ['票数', 'Votes'],
  'suspicious.period': ['时段', 'Period'],
  'suspicious.sample': ['样例', 'Sample'],
  'suspicious.invalidate': ['作废这些投票', 'Invalidate these votes'],
  'suspicious.invalidated': ['已作废', 'Invalidated'],
  'reason': ['原因', 'Reason'],
  'review.title': ['待评作品', 'Works to score'],
  'review.round.PRELIMINARY': ['初评', 'Preliminary round'],
  'review.round.FINAL': ['终评', 'Final round'],
  'review.closed': ['当前阶段不能评分。', 'No scoring in this stage.'],
  'review.yours': ['您的评分', 'Your score'],
  'review.replaces': ['将替换您之前的评分', 'replaces your earlier score of'],
  'review.first': ['首次评分', 'your first score for this work'],
  'review.send': ['提交评分', 'Submit score'],
  'review.saved': ['已记录', 'Recorded'],
  'rankings.preliminary': ['初评排名', 'Preliminary ranking'],
  'rankings.cut': ['入围线', 'Shortlist cut'],
  'rankings.lastIn': ['最后入围', 'last in'],
  'rankings.firstOut': ['首个未入围', 'first out'],
  'rankings.place': ['名额', 'places'],
  'rankings.shortlist': ['入围名单', 'Shortlist'],
  'live.title': ['实时投票', 'Live voting'],
  'live.top': ['前列作品', 'Top works'],
  'live.find': ['查找作品票数', 'Find a work’s tally'],
  'live.rate': ['每秒投票数', 'Votes per second'],
  'live.accepted': ['有效', 'Accepted'],
  'live.refused': ['被拒', 'Refused'],
  'live.lag': ['读模型延迟（事件）', 'Read-model lag (events)'],
  'live.refusals': ['拒绝原因', 'Refusals by reason'],
  'live.updated': ['更新于', 'Updated at'],
  'live.certified': ['计票已认证', 'Tallies certified'],
  'lists.title': ['名单', 'Lists'],
  'lists.csv': ['下载 CSV', 'Download CSV'],
  'lists.print': ['打印', 'Print'],
  'lists.show': ['查看', 'Show'],
  'lists.notYet': ['尚未发布', 'not published yet'],
  'list.preliminary': ['初评排名', 'Preliminary ranking'],
  'list.shortlist': ['入围名单', 'Shortlist'],
  'list.tallies': ['投票统计', 'Tallies'],
  'list.final': ['终评排名', 'Final ranking'],
  'list.winners': ['获选名单', 'Winners'],
  'audit.title': ['审计', 'Audit'],
  'audit.check': ['服务器自检', 'The server’s own check'],
  'audit.ok': ['通过', 'passed'],
  'audit.failed': ['未通过', 'failed'],
  'audit.digest': ['日志摘要', 'Log digest'],
  'audit.download': ['下载完整日志', 'Download the whole log'],
  'audit.verify': ['离线核验命令', 'Verify it offline'],
  'audit.run': ['运行检查', 'Run the check'],
  'digest.log': ['日志摘要 logDigest', 'Log digest (logDigest)'],
  'digest.list': ['名单摘要 listDigest', 'List digest (listDigest)'],
  'digest.size': ['日志条数 logSize', 'Log size (logSize)'],
  // ---- the public page's "check these results yourself" section (results.js) ----
  'check.title': ['自行核验这些结果', 'Check these results yourself'],
  'check.intro': ['服务器用自己的 Ed25519 密钥为每一届的日志签名：下面的签名检查点（checkpoint）写明日志的名称（origin）、行数（size）和全部这些行的默克尔树根（root），由日志密钥签名。请保存检查点和密钥：以后任何人无需账号，都能核验日志仍是在您保存的那份之上追加的，此前的任何一行都没有被改写。', 'The server signs each edition’s log with its own Ed25519 key: the signed checkpoint below names the log (its origin), its size in lines and the Merkle tree root of those lines, signed with the log’s key. Keep the checkpoint and the key: later, anyone, with no account, can check that the log still extends the one you kept, so that no line before it was rewritten.'],
  'check.checkpoint': ['最新的签名检查点', 'The latest signed checkpoint'],
  'check.size': ['日志行数（size）', 'Size (lines of the log)'],
  'check.download': ['下载检查点', 'Download the checkpoint'],
  'check.copy': ['复制', 'Copy'],
  'check.copied': ['已复制。', 'Copied.'],
  'check.selected': ['已选中，请按 Ctrl+C（Mac 为 ⌘C）复制。', 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.'],
  'check.root64': ['树根（base64，检查点中的写法）', 'Root (base64, as the checkpoint writes it)'],
  'check.root16': ['树根（十六进制，logDigest 的写法）', 'Root (hex, as a logDigest is written)'],
  'check.key': ['日志的验证密钥', 'The log’s verifier key'],
  'check.origin': ['日志名称（origin）', 'Origin'],
  'check.witnesses': ['见证方', 'Witnesses'],
  'check.witnesses.none': ['尚无见证方联署。', 'no witness cosigns yet'],
  'check.witnesses.note': ['签名让服务器无法在不被保存检查点的人发现的情况下改写历史；但没有见证方时，它不能阻止服务器向不同的读者展示两份不同的日志。见证方尚未实现。', 'The signature means the server cannot rewrite history unseen by anyone who kept a checkpoint; but without witnesses it does not stop the server from showing two readers two different logs. Witnesses are not built yet.'],
  'check.lists': ['名单与检查点', 'The lists and the checkpoint'],
  'check.lists.text': ['名单的日志摘要（logDigest）是日志前 logSize 行的树根，以十六进制书写；检查点的树根是其前 size 行的树根，以 base64 书写：同一种值的两种写法，行数相同时二者相同。公布名单的那一行在这 logSize 行之后，所以检查点总是更晚；一致性证明（consistency proof，RFC 9162）表明检查点的日志是在名单所依据的日志之上追加的。', 'A list’s log digest (logDigest) is the root of the log’s first logSize lines, written in hex; the checkpoint’s root is that of its first size lines, written in base64: one kind of value in two spellings, the same bytes when the sizes are the same. The line that published a list comes after its logSize lines, so the checkpoint is later; a consistency proof (RFC 9162) shows that the checkpoint’s log extends the one the list was computed from.'],
  'check.extends': ['检查点的日志在其之上追加，证明成立', 'the checkpoint’s log extends it; the proof holds'],
  'check.fails': ['一致性证明不成立：检查点的日志没有在其之上追加', 'the consistency proof does not hold: the checkpoint’s log does not extend it'],
  'check.older': ['检查点早于这份名单，下一个检查点会覆盖它', 'the checkpoint is older than this list; the next one covers it'],
  'check.cannot': ['此页面不是通过 HTTPS 提供的，浏览器不能在这里核验；请用下面的命令', 'this browser cannot check it here (the page is not served over HTTPS); use the commands below'],
  'check.proof': ['一致性证明', 'consistency proof'],
  'check.inBrowser': ['以上核验由本服务器发给您的页面代码在您的浏览器中完成。若不想信任本服务器，请保存检查点，在自己的电脑上运行下面的命令。', 'This page ran the check above in your browser, with code this server sent you. For a check that does not trust this server, keep the checkpoint and run the commands below on your own computer.'],
  'check.commands': ['两条命令，无需账号', 'Two commands, no account needed'],
  'check.cmd.keep': ['# 1. 现在：下载检查点并保存（连同上面的密钥）', '# 1. now: download the checkpoint and keep it (with the key above)'],
  'check.cmd.later': ['# 2. 以后随时：日志是否仍在您保存的检查点之上追加？', '# 2. later, at any time: does the log still extend the checkpoint you kept?'],
  'check.commands.text': ['第 2 条命令读取日志最新的检查点和服务器的一致性证明，用上面的密钥核验两个检查点的签名，并核验证明；日志仍在保存的检查点之上追加时退出码为 0，否则为 1。刚下载就运行，两者相同；它的用处在以后。selection-audit.jar 是开源的离线核验工具（在源代码根目录用 ./mvnw -q -pl selection-audit -am package -DskipTests 构建，位于 selection-audit/target/）。', 'The second command reads the log’s latest checkpoint and the server’s consistency proof, checks both checkpoints’ signatures with the key above, and checks the proof: it exits 0 when the log still extends the checkpoint you kept, 1 when it does not. Run at once, the two are the same; it is for later. selection-audit.jar is the open offline verifier (built from the source with ./mvnw -q -pl selection-audit -am package -DskipTests, in selection-audit/target/).'],
  'check.auditor': ['完整日志（导出）仍需审计账号：尚无不含个人数据的公开导出。--key 核验导出所附的每个检查点都由日志密钥签名、与日志行相符；--since 核验导出是在您保存的检查点之上追加的。', 'The whole log (the export) still needs an auditor account: a public export without personal data is not built yet. --key checks that every checkpoint the export carries is signed by the log’s key and matches its lines; --since that the export extends the checkpoint you kept.'],
  // ---- end of the "check these results yourself" section ----
  'results.title': ['评选结果', 'Results'],
  'results.editions': ['已公布结果的届次', 'Editions with published lists'],
  'results.none': ['尚无公布的名单。', 'No lists are published yet.'],
  'results.winners': ['获选作品', 'Winners'],
  'results.shortlist': ['入围作品', 'Shortlist'],
  'results.how': ['如何核验这些名单', 'How anyone can check these lists'],
  'results.how.text': ['每份名单都由完整的事件日志计算得出。日志摘要（logDigest）标识名单所依据的日志，名单摘要（listDigest）标识名单本身。审计方用审计账号下载完整日志，用开源核验工具离线重算，得到相同的名单和摘要，无需信任本服务器；任何人都可以把审计方公布的摘要与本页的摘要比对。', 'Every list is computed from the whole event log. The log digest (logDigest) names the log the list was computed from; the list digest (listDigest) names the list itself. An auditor downloads the whole log with an auditor account and recomputes it offline with the open verifier, getting the same lists and digests without trusting this server; anyone can compare the digests the auditors publish with the ones on this page.'],
  'results.receipt': ['投票人如何核验回执', 'How a voter checks a receipt'],
  'results.receipt.text': ['投票后，投票平台会提供回执：您的投票决定、投票内容，以及默克尔包含证明，证明它包含在某个已公布的日志摘要中。用开源核验工具离线检查回执，再把它打印的日志摘要与本页获选名单上的日志摘要（logDigest）比对：两者一致，即证明您的投票计入了这份结果所依据的日志。', 'After voting, the voting platform hands you a receipt: your vote’s decision, the vote itself, and a Merkle inclusion proof that it is in a published log digest. Check the receipt offline with the open verifier, then compare the log digest it prints with the log digest (logDigest) on the winners list on this page: if they match, your vote is in the log these results were computed from.'],
  'results.console': ['工作人员登录', 'Staff sign-in'],
  'results.back': ['所有届次', 'All editions'],
  'none': ['无', 'none'],
};

const KEY = 'selection.lang';

export function lang() {
  const chosen = localStorage.getItem(KEY);
  if (chosen === 'zh' || chosen === 'en') return chosen;
  // the reader's first preferred language; Chinese unless it is English (the award's public is Chinese)
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || 'zh';
  return first.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function t(key) {
  const pair = LABELS[key];
  if (!pair) return key;
  return pair[lang() === 'zh' ? 0 : 1];
}

/** Fills every data-i18n (text) and data-i18n-label (aria-label) and data-i18n-placeholder under root. */
export function applyLabels(root = document) {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach(e => e.setAttribute('aria-label', t(e.dataset.i18nLabel)));
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => e.setAttribute('placeholder', t(e.dataset.i18nPlaceholder)));
}

/** A button that switches the language and calls rerender. */
export function languageButton(rerender) {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = 'lang';
  b.className = 'secondary';
  // the visible name is the language it switches to, written in that language (and so marked)
  const label = () => { b.textContent = t('lang.switch'); b.lang = lang() === 'zh' ? 'en' : 'zh-CN'; b.title = t('lang.switch.label'); };
  label();
  b.addEventListener('click', () => {
    localStorage.setItem(KEY, lang() === 'zh' ? 'en' : 'zh');
    label();
    applyLabels();
    rerender();
  });
  return b;
}
