package io.selection.common;

import io.selection.edition.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal said as a phrase reads in English as the rules always said it, and keeps its values
 * so that a server can say it again in another language.
 */
class RefusalTest {

    @Test
    void every_refusal_fills_each_of_its_blanks_and_leaves_no_pattern_behind() {
        Pattern blank = Pattern.compile("\\{(\\d+)}");
        for (Refusal refusal : Refusal.values()) {
            Matcher m = blank.matcher(refusal.english());
            int count = 0;
            while (m.find()) {
                count = Math.max(count, Integer.parseInt(m.group(1)) + 1);
            }
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = "<" + i + ">";
            }
            String said = refusal.say(values);
            assertThat(said).as(refusal.name()).doesNotContain("{", "}").isNotBlank();
            for (Object v : values) {
                assertThat(said).as(refusal.name()).contains(v.toString());
            }
        }
    }

    @Test
    void says_the_english_of_the_rules_values_and_quotes_included() {
        assertThat(Refusal.STAGE_ORDER.say("2023", Stage.VOTING, Stage.FINAL_REVIEW))
                .isEqualTo("edition 2023 is in stage VOTING; only FINAL_REVIEW may follow it");
        assertThat(Refusal.SHORT_OF_PRELIMINARY_SCORES.say(20, 3))
                .isEqualTo("20 work(s) have fewer than 3 preliminary scores");
        assertThat(Refusal.CONFLICT_OF_INTEREST.say("r1")).isEqualTo("reviewer r1 belongs to the work's organisation");
        assertThat(Refusal.SUBMISSION_NO.say(1234, 1235)).isEqualTo("submission number 1234, the next is 1235");
        assertThat(Refusal.UNKNOWN_CATEGORY.say((Object) null)).isEqualTo("unknown category: null");
    }

    @Test
    void a_refusal_keeps_its_phrase_and_values_beside_its_english_message() {
        DomainException e = new DomainException(ErrorCode.STAGE_MISMATCH, "to", List.of("VOTING"),
                Refusal.STAGE_ORDER, "2023", Stage.VOTING, Stage.FINAL_REVIEW);

        assertThat(e.getMessage()).isEqualTo("edition 2023 is in stage VOTING; only FINAL_REVIEW may follow it");
        assertThat(e.phrase()).isEqualTo(Refusal.STAGE_ORDER);
        assertThat(e.values()).containsExactly("2023", Stage.VOTING, Stage.FINAL_REVIEW);
        assertThat(e.field()).isEqualTo("to");
        assertThat(DomainException.invalid("url", "free text").phrase()).isNull();
    }
}
