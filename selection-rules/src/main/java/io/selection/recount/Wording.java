package io.selection.recount;

import io.selection.recount.Explanation.Statement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every explanation statement's wording, English and Chinese side by side, and the one renderer
 * that says a {@link Statement} in a {@link Language}: the server, the console (through the server)
 * and the offline tool all say an explanation with it, so there is one source of every sentence.
 *
 * <p>A statement's wording is found by its key: the {@code code}, or {@code code.variant} where the
 * code has several sentences (the variant names which, e.g. {@code SHORTLIST_PUBLISHED.NOT_PLACED}).
 * A template fills these placeholders from the statement's {@code params}:
 * <ul>
 *     <li>{@code {name}}: the value, numbers in plain decimals; a template naming a value the
 *     statement lacks (or has as null) is an error, never an unfilled blank;</li>
 *     <li>{@code {name:part}}: the part {@code part.<value>} (a word chosen by the value, e.g. the
 *     tie-break rule), nothing when the value is null;</li>
 *     <li>{@code {name?part}}: the part {@code part} when the value is there (not null, not
 *     false), nothing otherwise (a clause that applies only sometimes);</li>
 *     <li>{@code {name*part}}: the part {@code part} for each element of the value (a list of
 *     named values), joined by the part {@code join}.</li>
 * </ul>
 * Parts are rendered with the same placeholders, from the statement's values (a list's element:
 * from its own).
 */
public final class Wording {

    /** {name}, {name:part}, {name?part} or {name*part}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?:([:?*])(\\w+))?}");

    /** Each key's template in each language, in {@link Language} order. */
    private static final Map<String, List<String>> WORDS = new LinkedHashMap<>();

    static {
        // ---- statements, by code (and variant), in the order an explanation says them ----
        say("SUBMITTED",
                "Submitted as no. {submissionNo} in {categoryName} ({category}).",
                "以第{submissionNo}号提交，类别：{categoryName}（{category}）。");
        say("PRELIMINARY_SCORE",
                "Preliminary score {score} from reviewer {reviewerId}{replaced?replacing}{dropped:dropped}.",
                "评审{reviewerId}初评打分{score}{replaced?replacing}{dropped:dropped}。");
        say("JURY_SCORE",
                "Jury score {score} from reviewer {reviewerId}{replaced?replacing}{dropped:dropped}.",
                "评审{reviewerId}终评打分{score}{replaced?replacing}{dropped:dropped}。");
        say("PRELIMINARY_MEAN.NONE",
                "No preliminary score yet.",
                "尚无初评评分。");
        say("JURY_MEAN.NONE",
                "No jury score yet.",
                "尚无终评评分。");
        for (String mean : List.of("PRELIMINARY_MEAN", "JURY_MEAN")) {
            say(mean + ".ONE",
                    "With {count} score (fewer than {trimFrom}), none is dropped; the mean is {mean}.",
                    "共{count}个评分（少于{trimFrom}个），不去分，平均分为{mean}。");
            say(mean + ".UNTRIMMED",
                    "With {count} scores (fewer than {trimFrom}), none is dropped; the mean is {mean}.",
                    "共{count}个评分（少于{trimFrom}个），不去分，平均分为{mean}。");
            say(mean + ".TRIMMED",
                    "With {count} scores ({trimFrom} or more), the highest, {highest}, and the lowest, {lowest}, are"
                            + " dropped; the mean of the other {counted} is {mean}.",
                    "共{count}个评分（达到{trimFrom}个），去掉最高分{highest}和最低分{lowest}，其余{counted}个的平均分为{mean}。");
        }
        say("PRELIMINARY_SHORT_OF_SCORES",
                "It has {count} of the {minScores} preliminary scores each work needs.",
                "只有{count}个初评评分，每件作品需要{minScores}个。");
        say("JURY_SHORT_OF_SCORES",
                "It has {count} of the {minScores} jury scores each work needs.",
                "只有{count}个终评评分，每件作品需要{minScores}个。");
        say("DISQUALIFIED",
                "Disqualified by {by}: \"{reason}\". It ranked {rankBefore} in the preliminary ranking just"
                        + " before{shortlistPlaceBefore?heldPlace}.",
                "被{by}取消资格：“{reason}”。此前初评排名第{rankBefore}{shortlistPlaceBefore?heldPlace}。");
        say("PRELIMINARY_RANK",
                "It ranks {rank} of {of} in {category} on its preliminary score {score}; the shortlist takes {quota}.",
                "以初评分{score}在{category}中排第{rank}/{of}名；入围名额{quota}个。");
        say("PRELIMINARY_CUT.ALL_FIT",
                "Every work ranked fits in the {quota} places of the shortlist.",
                "所有参评作品都在入围名单的{quota}个名额之内。");
        say("PRELIMINARY_CUT.BETWEEN",
                "The cut of the shortlist lies between {lastIn} (rank {lastInRank}, {lastInScore}), the last work in,"
                        + " and {firstOut} (rank {firstOutRank}, {firstOutScore}), the first work out."
                        + " {position:shortlistCut}",
                "入围名单的分界线在{lastIn}（第{lastInRank}名，{lastInScore}，最后入围）与{firstOut}（第{firstOutRank}名，"
                        + "{firstOutScore}，首个未入围）之间。{position:shortlistCut}");
        say("PRELIMINARY_TIE",
                "It ties with {workId} (rank {rank}) on its preliminary score of {score}; {decidedBy:tieBreak}, so it"
                        + " ranks {ahead:side}.",
                "与{workId}（第{rank}名）初评同分{score}；{decidedBy:tieBreak}，因此排在其{ahead:side}。");
        say("PRELIMINARY_TIE_AT_CUT",
                "It ties with {workId} (rank {rank}) on its preliminary score of {score}; {decidedBy:tieBreak}, so it"
                        + " ranks {ahead:side}{ahead:shortlistTieAtCut}.",
                "与{workId}（第{rank}名）初评同分{score}；{decidedBy:tieBreak}，因此排在其{ahead:side}"
                        + "{ahead:shortlistTieAtCut}。");
        say("PRELIMINARY_TIE_MORE",
                "{tiedWorks} works in all share that preliminary score.",
                "共{tiedWorks}件作品初评同分。");
        say("SHORTLIST_PUBLISHED.PLACED",
                "The shortlist published on line {seq} placed it at rank {rank}.",
                "第{seq}行公布的入围名单将其列为第{rank}名。");
        say("SHORTLIST_PUBLISHED.NOT_PLACED",
                "The shortlist published on line {seq} did not place it.",
                "第{seq}行公布的入围名单未包含它。");
        say("SHORTLIST_LEFT.BACKFILLED",
                "It left the shortlist on its disqualification; {added} took the last place.",
                "因取消资格离开入围名单；{added}递补最后一个名额。");
        say("SHORTLIST_LEFT.NONE",
                "It left the shortlist on its disqualification; no work was left to take its place.",
                "因取消资格离开入围名单；已无作品可递补。");
        say("SHORTLIST_ENTERED",
                "It entered the shortlist at rank {rank} when {removed} was disqualified: it was the best-ranked work"
                        + " not on the list.",
                "{removed}被取消资格后，它作为未入围作品中排名最高者递补入围，名次第{rank}。");
        say("SHORTLIST_MOVED_UP",
                "It moved up from rank {from} to {to} when {removed}, placed above it, left the shortlist.",
                "排在其前的{removed}离开入围名单后，它从第{from}名升至第{to}名。");
        say("VOTES_INVALIDATED",
                "{votes} of its votes were invalidated with flagged set {setId} ({rule}): \"{reason}\".",
                "其中{votes}票随可疑票组{setId}（{rule}）作废：“{reason}”。");
        say("VOTES",
                "It has {valid} valid votes: {accepted} accepted, less {invalidated} invalidated.",
                "有效票{valid}：接受{accepted}，作废{invalidated}。");
        say("VOTES_CERTIFIED",
                "The tallies certified on line {seq} give it {valid} valid votes.",
                "第{seq}行核定的计票结果为其有效票{valid}。");
        say("VOTE_SCORE.NO_VOTES",
                "No shortlisted work of {category} has a valid vote, so every vote score is 0.",
                "{category}的入围作品均无有效票，投票分均为0。");
        say("VOTE_SCORE.SCORED",
                "Its vote score is {voteScore} = 100 × {valid} / {most}, the most valid votes of any shortlisted work"
                        + " in {category} ({mostVotedWork}).",
                "投票分{voteScore} = 100 × {valid} / {most}（{category}入围作品中的最高有效票，{mostVotedWork}）。");
        say("FINAL_SCORE",
                "Its final score is {finalScore} = {juryWeight}% × jury score {juryScore} + {voteWeight}% × vote score"
                        + " {voteScore} = {juryPart} + {votePart}.",
                "最终得分{finalScore} = {juryWeight}% × 终评分{juryScore} + {voteWeight}% × 投票分{voteScore}"
                        + " = {juryPart} + {votePart}。");
        say("FINAL_RANK",
                "It ranks {rank} of {of} in the final ranking of {category}; {quota} win.",
                "在{category}终评排名中排第{rank}/{of}名；获选名额{quota}个。");
        say("FINAL_CUT.ALL_FIT",
                "Every work ranked fits in the {quota} places of the winners.",
                "所有参评作品都在获选名单的{quota}个名额之内。");
        say("FINAL_CUT.BETWEEN",
                "The cut of the winners lies between {lastIn} (rank {lastInRank}, {lastInScore}), the last work in,"
                        + " and {firstOut} (rank {firstOutRank}, {firstOutScore}), the first work out."
                        + " {position:winnersCut}",
                "获选名单的分界线在{lastIn}（第{lastInRank}名，{lastInScore}，最后获选）与{firstOut}（第{firstOutRank}名，"
                        + "{firstOutScore}，首个未获选）之间。{position:winnersCut}");
        say("FINAL_TIE",
                "It ties with {workId} (rank {rank}) on its final score of {score}; {decidedBy:tieBreak}, so it ranks"
                        + " {ahead:side}.",
                "与{workId}（第{rank}名）最终得分同为{score}；{decidedBy:tieBreak}，因此排在其{ahead:side}。");
        say("FINAL_TIE_AT_CUT",
                "It ties with {workId} (rank {rank}) on its final score of {score}; {decidedBy:tieBreak}, so it ranks"
                        + " {ahead:side}{ahead:winnersTieAtCut}.",
                "与{workId}（第{rank}名）最终得分同为{score}；{decidedBy:tieBreak}，因此排在其{ahead:side}"
                        + "{ahead:winnersTieAtCut}。");
        say("FINAL_TIE_MORE",
                "{tiedWorks} works in all share that final score.",
                "共{tiedWorks}件作品最终得分相同。");
        say("RESULTS_PUBLISHED.WINNER",
                "The results published on line {seq} list it as winner {rank}.",
                "第{seq}行公布的结果列其为第{rank}名获选作品。");
        say("RESULTS_PUBLISHED.NOT_A_WINNER",
                "The results published on line {seq} do not list it among the {quota} winners.",
                "第{seq}行公布的结果未将其列入{quota}件获选作品。");

        // ---- the one-line answer: SUMMARY, its variant the outcome ----
        say("SUMMARY.DISQUALIFIED",
                "Disqualified on line {seq}: {reason}.",
                "已取消资格（第{seq}行）：{reason}");
        say("SUMMARY.ABOVE_THE_CUT",
                "Ranks {rank} of {of} in {category}, inside the {quota} places of the shortlist, as the scores stand;"
                        + " the shortlist is not published yet.",
                "按目前评分，在{category}中排第{rank}/{of}名，位于{quota}个入围名额之内；入围名单尚未公布。");
        say("SUMMARY.BELOW_THE_CUT",
                "Ranks {rank} of {of} in {category}, outside the {quota} places of the shortlist, as the scores stand;"
                        + " the shortlist is not published yet.",
                "按目前评分，在{category}中排第{rank}/{of}名，位于{quota}个入围名额之外；入围名单尚未公布。");
        say("SUMMARY.NOT_SHORTLISTED",
                "Not on the shortlist: rank {rank} of {of} in {category}{lastIn?missedTheCut}.",
                "未入围：在{category}中排第{rank}/{of}名{lastIn?missedTheCut}。");
        say("SUMMARY.SHORTLISTED",
                "On the shortlist of {category} at rank {shortlistRank}.{finalRank?finalAsItStands}",
                "已入围{category}，名次第{shortlistRank}。{finalRank?finalAsItStands}");
        say("SUMMARY.WINNER",
                "Winner {winnerRank} of {quota} in {category}.",
                "获选：{category}第{winnerRank}名（共{quota}名）。");
        say("SUMMARY.NOT_A_WINNER",
                "On the shortlist, not among the {quota} winners of {category}: final rank {rank}, {gap} below the last"
                        + " winner ({lastIn}).",
                "已入围但未获选（{category}共{quota}件获选作品）：终评排名第{rank}，比最后获选作品（{lastIn}）低{gap}分。");

        // ---- parts of sentences ----
        say("join", ", ", "、");
        say("replacing", ", replacing {replaced*replacedScore}", "，替换此前的{replaced*replacedScore}");
        say("replacedScore", "{score} (line {seq})", "{score}（第{seq}行）");
        say("dropped.HIGHEST", "; dropped as the highest score", "；作为最高分被去掉");
        say("dropped.LOWEST", "; dropped as the lowest score", "；作为最低分被去掉");
        say("heldPlace", ", and held place {shortlistPlaceBefore} on the shortlist", "，入围名次第{shortlistPlaceBefore}");
        // where the work stands against a cut; in Chinese "in" is 入围 (shortlisted) or 获选 (a winner)
        for (List<String> cut : List.of(List.of("shortlistCut", "入围"), List.of("winnersCut", "获选"))) {
            String in = cut.get(1);
            say(cut.get(0) + ".LAST_IN", "It is the last work in, {gap} above the first work out.",
                    "它是最后" + in + "的作品，比首个未" + in + "作品高{gap}分。");
            say(cut.get(0) + ".FIRST_OUT", "It is the first work out, {gap} below the last work in.",
                    "它是首个未" + in + "的作品，比最后" + in + "作品低{gap}分。");
            say(cut.get(0) + ".INSIDE", "It is {gap} above the first work out.", "它比首个未" + in + "作品高{gap}分。");
            say(cut.get(0) + ".OUTSIDE", "It is {gap} below the last work in.", "它比最后" + in + "作品低{gap}分。");
        }
        say("tieBreak.SUBMISSION_NO", "the earlier submission ranks first (no. {mine} against no. {theirs})",
                "提交较早者在前（第{mine}号对第{theirs}号）");
        say("tieBreak.WORK_ID", "the smaller work id ranks first ({mine} against {theirs})",
                "作品编号较小者在前（{mine}对{theirs}）");
        say("tieBreak.JURY_SCORE", "the higher jury score ranks first ({mine} against {theirs})",
                "终评分较高者在前（{mine}对{theirs}）");
        say("tieBreak.VALID_VOTES", "more valid votes rank first ({mine} against {theirs})",
                "有效票较多者在前（{mine}对{theirs}）");
        say("side.true", "ahead", "前");
        say("side.false", "behind", "后");
        say("shortlistTieAtCut.true", " and takes the last place in", "，占得最后一个入围名额");
        say("shortlistTieAtCut.false", " and is the first work out", "，成为首个未入围作品");
        say("winnersTieAtCut.true", " and takes the last place in", "，占得最后一个获选名额");
        say("winnersTieAtCut.false", " and is the first work out", "，成为首个未获选作品");
        say("missedTheCut", ", {gap} below the last work in ({lastIn}, {lastInScore})",
                "，比最后入围作品（{lastIn}，{lastInScore}）低{gap}分");
        say("finalAsItStands", " In the final ranking as it stands it ranks {finalRank} of {finalOf},"
                        + " {inside:insideOrOutside} the {finalQuota} places of the winners.",
                "按目前的终评排名，它排第{finalRank}/{finalOf}名，位于{finalQuota}个获选名额之{inside:insideOrOutside}。");
        say("insideOrOutside.true", "inside", "内");
        say("insideOrOutside.false", "outside", "外");
    }

    private Wording() {
    }

    /** The statement in the language. */
    public static String text(Statement s, Language language) {
        String key = key(s.code(), s.variant());
        if (!WORDS.containsKey(key)) {
            throw new IllegalStateException("no wording for statement " + key);
        }
        return fill(key, s.params(), language, null);
    }

    /** The keys of the wordings saying the statement takes: its own and each part's (for the tests of the table). */
    static Set<String> keysSaid(Statement s) {
        Set<String> used = new TreeSet<>();
        used.add(key(s.code(), s.variant()));
        fill(key(s.code(), s.variant()), s.params(), Language.EN, used);
        return used;
    }

    /** The explanation with every statement, and the summary, said in the language. */
    public static Explanation render(Explanation x, Language language) {
        List<Statement> said = new ArrayList<>(x.statements().size());
        for (Statement s : x.statements()) {
            said.add(new Statement(s.seq(), s.code(), s.variant(), text(s, language), s.params()));
        }
        return x.said(language.tag(), said);
    }

    /** The key a statement's wording is found by: its code, or code.variant. */
    static String key(String code, String variant) {
        return variant == null ? code : code + "." + variant;
    }

    /** Every key with its templates, in {@link Language} order (for the tests that hold the table whole). */
    static Map<String, List<String>> table() {
        return Collections.unmodifiableMap(WORDS);
    }

    /** The placeholders of a template, each as written ({@code {name}}, {@code {name:part}}, ...). */
    static List<String> placeholders(String template) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static void say(String key, String english, String chinese) {
        List<String> templates = List.of(english, chinese);
        for (String t : templates) {
            String left = PLACEHOLDER.matcher(t).replaceAll("");
            if (left.indexOf('{') >= 0 || left.indexOf('}') >= 0 || t.isBlank()) {
                throw new IllegalStateException("wording " + key + " is not a template: " + t);
            }
        }
        if (WORDS.put(key, templates) != null) {
            throw new IllegalStateException("wording " + key + " twice");
        }
    }

    private static String fill(String key, Map<String, ?> params, Language language, Set<String> used) {
        String template = WORDS.get(key).get(language.ordinal());
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            out.append(template, at, m.start());
            at = m.end();
            String name = m.group(1);
            if (!params.containsKey(name)) {
                throw new IllegalStateException("wording " + key + " names {" + name + "}, a value it is not given");
            }
            Object value = params.get(name);
            String how = m.group(2);
            String part = m.group(3);
            if (how == null) {
                if (value == null) {
                    throw new IllegalStateException("wording " + key + " has no value for {" + name + "}");
                }
                out.append(shown(value));
            } else if (value == null || (how.equals("?") && Boolean.FALSE.equals(value))) {
                continue; // a part that does not apply says nothing
            } else if (how.equals(":")) {
                out.append(fill(part(part + "." + shown(value), key, used), params, language, used));
            } else if (how.equals("?")) {
                out.append(fill(part(part, key, used), params, language, used));
            } else {
                List<String> each = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    each.add(fill(part(part, key, used), named(element), language, used));
                }
                out.append(String.join(fill(part("join", key, used), Map.of(), language, used), each));
            }
        }
        return out.append(template, at, template.length()).toString();
    }

    /** A list's element: its values by name. */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> named(Object element) {
        return (Map<String, ?>) element;
    }

    private static String part(String part, String in, Set<String> used) {
        if (!WORDS.containsKey(part)) {
            throw new IllegalStateException("wording " + in + " names the part " + part + ", which has no wording");
        }
        if (used != null) {
            used.add(part);
        }
        return part;
    }

    /** A value as a statement shows it: numbers in plain decimals, as they are. */
    private static String shown(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }
}
