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
  // server l10n (helper): the names of the codes the server sends (events, audit checks, suspicious-vote
  // rules and kinds, roles), said with named(), which falls back to the code for one not listed here
  'event.EditionCreated': ['创建届次', 'Edition created'],
  'event.StageChanged': ['阶段变更', 'Stage changed'],
  'event.WorkSubmitted': ['提交作品', 'Work submitted'],
  'event.WorkDisqualified': ['取消资格', 'Work disqualified'],
  'event.ReviewerRegistered': ['登记评审', 'Reviewer registered'],
  'event.WorkScored': ['评分', 'Work scored'],
  'event.ShortlistPublished': ['发布入围名单', 'Shortlist published'],
  'event.Shortlisted': ['入围', 'Shortlisted'],
  'event.ShortlistAmended': ['递补入围', 'Shortlist amended'],
  'event.VotesDecided': ['投票判定', 'Votes decided'],
  'event.VotesInvalidated': ['投票作废', 'Votes invalidated'],
  'event.TalliesCertified': ['计票认证', 'Tallies certified'],
  'event.ResultsPublished': ['发布结果', 'Results published'],
  'event.Won': ['获选', 'Won'],
  'audit.check.format': ['导出格式', 'Export format'],
  'audit.check.line hashes': ['行哈希', 'Line hashes'],
  'audit.check.hash chain': ['哈希链', 'Hash chain'],
  'audit.check.log head': ['日志结尾', 'Log head'],
  'audit.check.stages': ['阶段', 'Stages'],
  'audit.check.vote decisions': ['投票判定', 'Vote decisions'],
  'audit.check.shortlist': ['入围名单', 'Shortlist'],
  'audit.check.shortlist backfills': ['入围递补', 'Shortlist backfills'],
  'audit.check.invalidations': ['投票作废', 'Invalidations'],
  'audit.check.certified tallies': ['认证计票', 'Certified tallies'],
  'audit.check.winners': ['获选名单', 'Winners'],
  'audit.check.published digests': ['已发布的摘要', 'Published digests'],
  'audit.check.digest consistency': ['摘要一致性', 'Digest consistency'],
  'audit.check.rules': ['评选规则', 'Rules'],
  'audit.check.checkpoints': ['签名检查点', 'Signed checkpoints'],
  'audit.check.times': ['时间', 'Times'],
  'suspicious.rule.ip-burst': ['同一IP短时集中投票', 'Burst from one IP address'],
  'suspicious.rule.device-burst': ['同一设备短时集中投票', 'Burst from one device'],
  'suspicious.rule.limit-hitter': ['反复超出投票上限', 'Voter hitting the daily limits'],
  'suspicious.kind.ip': ['IP', 'IP'],
  'suspicious.kind.device': ['设备', 'Device'],
  'suspicious.kind.voter': ['投票人', 'Voter'],
  'role.ORGANISER': ['组织者', 'Organiser'],
  'role.REVIEWER': ['评审', 'Reviewer'],
  'role.AUDITOR': ['审计', 'Auditor'],
  'role.GATEWAY': ['投票前端', 'Voting front-end'],
  'list.separator': ['、', ', '],
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

/** The name of a code the server sends (an event, an audit check, a rule, a role): its label, else the code. */
export function named(prefix, code) {
  return LABELS[prefix + code] ? t(prefix + code) : String(code);
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
