package io.selection.recount;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of wordings held whole: every entry in every language, each language filling the same
 * values and parts, and no part that no sentence uses. ExplanationsTest says every statement of its
 * fixtures in both languages and reaches every entry.
 */
class WordingTest {

    private static final Pattern PART = Pattern.compile("\\{\\w+([:?*])(\\w+)}");

    @Test
    void every_wording_is_in_every_language_filling_the_same_values_and_parts() {
        Map<String, List<String>> table = Wording.table();
        assertThat(table).isNotEmpty();
        table.forEach((key, templates) -> {
            assertThat(templates).as(key).hasSize(Language.values().length).allSatisfy(t -> assertThat(t).isNotEmpty());
            Set<String> english = new HashSet<>(Wording.placeholders(templates.get(Language.EN.ordinal())));
            for (Language language : Language.values()) {
                assertThat(new HashSet<>(Wording.placeholders(templates.get(language.ordinal()))))
                        .as(key + " in " + language).isEqualTo(english);
            }
        });
        assertThat(table.get("SUBMITTED").get(Language.ZH.ordinal())).containsPattern("\\p{IsHan}");
    }

    @Test
    void every_part_a_sentence_names_exists_and_every_part_is_named_by_one() {
        Map<String, List<String>> table = Wording.table();
        Set<String> named = new HashSet<>(Set.of("join")); // joins every list
        for (List<String> templates : table.values()) {
            for (String t : templates) {
                Matcher m = PART.matcher(t);
                while (m.find()) {
                    String part = m.group(2);
                    if (m.group(1).equals(":")) {
                        assertThat(table.keySet()).as(t).anyMatch(k -> k.startsWith(part + "."));
                        table.keySet().stream().filter(k -> k.startsWith(part + ".")).forEach(named::add);
                    } else {
                        assertThat(table).as(t).containsKey(part);
                        named.add(part);
                    }
                }
            }
        }
        // statements are found by their code (upper case); parts (lower case) only through a sentence
        assertThat(table.keySet().stream().filter(k -> Character.isLowerCase(k.charAt(0))))
                .allSatisfy(part -> assertThat(named).as(part).contains(part));
    }

    @Test
    void numbers_are_shown_in_plain_decimals_and_a_list_is_joined_in_the_language() {
        Explanation.Statement s = new Explanation.Statement(9, "PRELIMINARY_SCORE", null, null, Map.of(
                "score", "75.5", "reviewerId", "r1", "dropped", "LOWEST", "replaced", List.of(
                        Map.of("score", new java.math.BigDecimal("1E+2"), "seq", 3L),
                        Map.of("score", new java.math.BigDecimal("40.50"), "seq", 5L))));
        assertThat(Wording.text(s, Language.EN)).isEqualTo("Preliminary score 75.5 from reviewer r1, replacing 100"
                + " (line 3), 40.50 (line 5); dropped as the lowest score.");
        assertThat(Wording.text(s, Language.ZH)).isEqualTo("评审r1初评打分75.5，替换此前的100（第3行）、40.50（第5行）；作为最低分被去掉。");
    }
}
