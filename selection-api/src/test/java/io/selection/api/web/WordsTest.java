package io.selection.api.web;

import io.selection.common.Phrase;
import io.selection.common.Refusal;
import io.selection.edition.Stage;
import io.selection.recount.Language;
import io.selection.rules.Rulebook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sentence a refusal can say has its Chinese, with the same blanks as its English, and every
 * title and stage a Chinese problem names is in the bundle: a Chinese reader never meets English
 * where a phrase was written. The English stays each phrase's own.
 */
class WordsTest {

    private static final Pattern BLANK = Pattern.compile("\\{(\\d+)}");

    private static List<Phrase> phrases() {
        List<Phrase> all = new ArrayList<>(List.of(Refusal.values()));
        all.addAll(List.of(ApiPhrase.values()));
        return all;
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = WordsTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> blanks(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = BLANK.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void every_phrase_has_chinese_words_with_the_blanks_of_its_english() throws IOException {
        Properties zh = bundle("messages_zh.properties");
        for (Phrase phrase : phrases()) {
            String chinese = zh.getProperty(phrase.key());
            assertThat(chinese).as(phrase.key()).isNotBlank();
            assertThat(blanks(chinese)).as(phrase.key()).isEqualTo(blanks(phrase.english()));
            Object[] values = blanks(phrase.english()).stream().map(i -> "v" + i + "v").toArray();
            String said = Words.say(Language.ZH, phrase, values);
            assertThat(said).as(phrase.key()).doesNotContain("{", "}", "'").isNotEqualTo(phrase.say(values));
            for (Object v : values) {
                assertThat(said).as(phrase.key()).contains(v.toString());
            }
        }
    }

    @Test
    void the_bundle_has_no_chinese_for_a_phrase_that_does_not_exist() throws IOException {
        Set<String> keys = phrases().stream().map(Phrase::key).collect(Collectors.toSet());
        Set<String> orphans = bundle("messages_zh.properties").stringPropertyNames().stream()
                .filter(k -> k.startsWith("refusal.") || k.startsWith("api."))
                .filter(k -> !keys.contains(k)).collect(Collectors.toSet());
        assertThat(orphans).isEmpty();
    }

    @Test
    void english_is_each_phrases_own_words() {
        for (Phrase phrase : phrases()) {
            Object[] values = blanks(phrase.english()).stream().map(i -> "v" + i).toArray();
            assertThat(Words.say(Language.EN, phrase, values)).isEqualTo(phrase.say(values));
        }
        assertThat(Words.say(Language.EN, ApiPhrase.CSRF)).contains("the session's CSRF token");
    }

    @Test
    void every_status_a_problem_can_have_has_a_chinese_title() {
        Stream.concat(ApiProblem.STATUSES.values().stream(), Stream.of(ApiProblem.statusOf("DISQUALIFIED")))
                .forEach(status -> {
                    assertThat(Words.title(Language.ZH, status)).as(status.toString())
                            .containsPattern("\\p{IsHan}");
                    assertThat(Words.title(Language.EN, status)).isEqualTo(status.getReasonPhrase());
                });
        assertThat(ApiProblem.statusOf("DISQUALIFIED")).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void a_stage_in_a_sentence_is_said_by_its_chinese_name() {
        for (Stage stage : Stage.values()) {
            assertThat(Words.say(Language.ZH, Refusal.STAGE_NEEDED, "e", stage, stage))
                    .doesNotContain(stage.name()).containsPattern("“\\p{IsHan}+”");
        }
        assertThat(Words.say(Language.ZH, Refusal.STAGE_ORDER, "2023", Stage.VOTING, Stage.FINAL_REVIEW))
                .isEqualTo("届次2023处于“网络投票”阶段，下一阶段只能是“终评”");
        assertThat(Words.say(Language.EN, Refusal.STAGE_ORDER, "2023", Stage.VOTING, Stage.FINAL_REVIEW))
                .isEqualTo("edition 2023 is in stage VOTING; only FINAL_REVIEW may follow it");
    }

    @Test
    void numbers_are_said_plainly_in_both_languages() {
        assertThat(Words.say(Language.ZH, Refusal.SHORT_OF_PRELIMINARY_SCORES, 12345, 3))
                .isEqualTo("12345件作品的初评评分不足3个");
        assertThat(Words.say(Language.EN, Refusal.SHORT_OF_PRELIMINARY_SCORES, 12345, 3))
                .isEqualTo("12345 work(s) have fewer than 3 preliminary scores");
    }

    @Test
    void the_validators_english_id_rule_is_the_rulebooks() throws IOException {
        assertThat(bundle("messages.properties").getProperty("selection.id")).isEqualTo(Rulebook.ID_MESSAGE);
        assertThat(Refusal.ID.say("id")).isEqualTo("id " + Rulebook.ID_MESSAGE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "zh-CN | ZH", "zh | ZH", "zh-TW | ZH", "fr, zh-Hans;q=0.8 | ZH", "en-US,zh;q=0.9 | EN",
            "zh;q=0, en | EN", "fr | EN", "NULL | EN", "'' | EN", "not a header;;q=x | EN"})
    void the_readers_language_is_the_first_of_chinese_or_english_they_ask_for(String header, Language language) {
        assertThat(Words.of(header)).isEqualTo(language);
    }
}
