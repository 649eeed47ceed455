package io.selection.api.voting.doors;

import io.selection.api.config.StrictJsonConfig;
import io.selection.api.voting.intake.CastVote;
import io.selection.api.voting.intake.VoteJson;
import io.selection.api.voting.intake.VoteShape;
import io.selection.api.web.NdjsonLines;
import io.selection.voting.Vote;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch door's streaming read ({@link VoteJson} and {@link VoteShape}) takes exactly the votes,
 * and refuses exactly the lines with exactly the details, that Jackson's data binding with this
 * service's settings and bean validation of {@link CastVote} did before it
 * ({@link NdjsonLines}, still used for works): checked on thousands of seeded odd lines.
 */
class VoteJsonTest {

    private static final Instant RECEIVED = Instant.parse("2024-02-28T02:00:00Z");

    /** The service's mapper, as application.yml and StrictJsonConfig configure it. */
    private static ObjectMapper serviceMapper() {
        Jackson2ObjectMapperBuilder builder = Jackson2ObjectMapperBuilder.json();
        new StrictJsonConfig().isoInstantsOnly().customize(builder);
        ObjectMapper mapper = builder.failOnUnknownProperties(false).serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
        mapper.setDefaultLeniency(false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        return mapper;
    }

    private static final NdjsonLines BOUND = new NdjsonLines(serviceMapper(), englishValidator(),
            io.selection.api.config.SelectionProperties.Limits.DEFAULTS);

    /** Bean validation as the service runs it for an English reader: its words from the service's bundles. */
    private static jakarta.validation.Validator englishValidator() {
        jakarta.validation.MessageInterpolator words =
                new org.springframework.boot.validation.MessageInterpolatorFactory(
                        io.selection.api.web.Words.messages()).getObject();
        jakarta.validation.MessageInterpolator english = new jakarta.validation.MessageInterpolator() {
            @Override
            public String interpolate(String template, Context context) {
                return words.interpolate(template, context, java.util.Locale.ENGLISH);
            }

            @Override
            public String interpolate(String template, Context context, java.util.Locale locale) {
                return words.interpolate(template, context, java.util.Locale.ENGLISH);
            }
        };
        return Validation.byDefaultProvider().configure().messageInterpolator(english).buildValidatorFactory()
                .getValidator();
    }

    private static final String[] IDS = {"\"v-1\"", "\"a b\"", "\"\"", "\"" + "x".repeat(65) + "\"", "\"x".repeat(1)
            + "y".repeat(63) + "\"", "12", "1.5", "true", "null", "{}", "[]", "\"票\"", "\"v_2.3\"", "-7"};
    private static final String[] VOTERS = {"\"alice\"", "\"  \"", "\"\\u3000\"", "\"\"", "null", "42", "[1]",
            "\"" + "v".repeat(128) + "\"", "\"" + "v".repeat(129) + "\"", "\"张三\"", "false", "{\"a\":1}"};
    private static final String[] TIMES = {"\"2024-02-28T01:00:00Z\"", "\"2024-02-28T01:00:00.123Z\"", "\"soon\"",
            "1709082000", "null", "\"1969-12-31T23:59:59Z\"", "\"+10000-01-01T00:00:00Z\"",
            "\"9999-12-31T23:59:59Z\"", "\"2024-02-30T01:00:00Z\"", "\" 2024-02-28T01:00:00Z \"",
            "\"2024-02-28T01:00:00+08:00\"", "\"2024-02-28t01:00:00z\"", "{}", "[\"2024-02-28T01:00:00Z\"]",
            "\"-1000000000-01-01T00:00:00Z\"", "\"2024-02-28T01:00:00.1234567891Z\""};
    private static final String[] SOURCES = {"{\"ip\":\"10.0.0.1\",\"device\":\"d\"}", "null", "\"10.0.0.1\"",
            "{\"ip\":\"" + "1".repeat(65) + "\"}", "{\"device\":\"" + "d".repeat(129) + "\"}", "{}", "[]",
            "{\"ip\":{}}", "{\"ip\":5,\"other\":[1,{\"x\":null}]}", "{\"device\":[]}"};

    private static String pick(SplittableRandom r, String[] options) {
        return r.nextInt(3) == 0 ? options[r.nextInt(options.length)] : options[0];
    }

    /** One line: a vote with some fields odd, missing, repeated or extra, or not a vote at all. */
    private static String line(SplittableRandom r) {
        switch (r.nextInt(40)) {
            case 0: return "not json at all";
            case 1: return "";
            case 2: return "   \t";
            case 3: return "\u3000";
            case 4: return "null";
            case 5: return "[]";
            case 6: return "\"a vote\"";
            case 7: return "{";
            case 8: return "{}";
            case 9: return "7";
            default: break;
        }
        List<String> fields = new ArrayList<>();
        if (r.nextInt(10) > 0) fields.add("\"id\":" + pick(r, IDS));
        if (r.nextInt(10) > 0) fields.add("\"voterId\":" + pick(r, VOTERS));
        if (r.nextInt(10) > 0) fields.add("\"workId\":" + pick(r, new String[]{"\"w1\"", "\"w 1\"", "null", "3", "{}"}));
        if (r.nextInt(10) > 0) fields.add("\"castAt\":" + pick(r, TIMES));
        if (r.nextInt(3) > 0) fields.add("\"source\":" + pick(r, SOURCES));
        if (r.nextInt(8) == 0) fields.add("\"extra\":{\"deep\":[[[1,2,{\"a\":\"b\"}]]]}");
        java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
        String json = "{" + String.join(",", fields) + "}";
        return switch (r.nextInt(25)) {
            case 0 -> json + " trailing";
            case 1 -> json.substring(0, json.length() - 1);
            case 2 -> " " + json + "\r";
            case 3 -> json.replace(":", " : ");
            default -> json;
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void reads_exactly_what_data_binding_and_bean_validation_read(long seed) throws java.io.IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            lines.add(line(r));
        }
        String body = String.join(r.nextBoolean() ? "\n" : "\r\n", lines) + (r.nextBoolean() ? "\n" : "");

        List<String> expected = new ArrayList<>();
        List<String> expectedBad = new ArrayList<>();
        NdjsonLines.Read<CastVote> bound = BOUND.read(
                new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), CastVote.class);
        bound.good().forEach(l -> {
            CastVote v = l.value();
            expected.add(l.line() + " " + show(v.id(), v.voterId(), v.workId(), v.castAt(),
                    v.source() == null ? null : v.source().ip(), v.source() == null ? null : v.source().device()));
        });
        bound.bad().forEach(bad -> expectedBad.add(bad.line() + " " + bad.detail()));

        List<Vote> votes = new ArrayList<>();
        List<VoteController.InvalidLine> invalid = new ArrayList<>();
        VoteController.readLines(body.getBytes(StandardCharsets.UTF_8), RECEIVED, votes, invalid);
        List<String> actualBad = invalid.stream().map(l -> l.line() + " " + l.detail()).toList();

        assertThat(actualBad).isEqualTo(expectedBad);
        List<String> expectedVotes = expected.stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList();
        assertThat(votes.stream().map(v -> show(v.voteId(), v.voterId(), v.workId(), v.castAt(), v.ip(), v.device())))
                .isEqualTo(expectedVotes);
        assertThat(votes).allSatisfy(v -> assertThat(v.receivedAt()).isEqualTo(RECEIVED));
        assertThat(votes.size() + invalid.size()).isGreaterThan(100);
        assertThat(invalid).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void refuses_a_field_given_twice_wherever_the_repeat_comes() throws java.io.IOException {
        String body = String.join("\n",
                "{\"id\":\"v1\",\"voterId\":\"a\",\"voterId\":\"b\",\"workId\":\"w1\",\"castAt\":\"2024-02-28T01:00:00Z\"}",
                "{\"id\":\"v2\",\"voterId\":\"a\",\"workId\":\"w1\",\"castAt\":\"2024-02-28T01:00:00Z\",\"castAt\":\"2024-02-28T01:00:00Z\"}",
                "{\"id\":\"v3\",\"voterId\":\"a\",\"workId\":\"w1\",\"castAt\":\"2024-02-28T01:00:00Z\",\"source\":{\"ip\":null,\"ip\":\"1.1\"}}",
                "{\"id\":\"v4\",\"voterId\":\"a\",\"workId\":\"w1\",\"castAt\":\"2024-02-28T01:00:00Z\",\"other\":1,\"other\":2}");
        List<Vote> votes = new ArrayList<>();
        List<VoteController.InvalidLine> invalid = new ArrayList<>();
        VoteController.readLines(body.getBytes(StandardCharsets.UTF_8), RECEIVED, votes, invalid);

        assertThat(invalid).extracting(VoteController.InvalidLine::line, VoteController.InvalidLine::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "voterId is given twice"),
                        org.assertj.core.groups.Tuple.tuple(2, "castAt is given twice"),
                        org.assertj.core.groups.Tuple.tuple(3, "source.ip is given twice"));
        assertThat(votes).extracting(Vote::voteId).containsExactly("v4"); // an unknown key twice is no vote field
    }

    private static String show(String id, String voter, String work, Instant castAt, String ip, String device) {
        // a vote without an id gets a random one at the door: compare only that it has one
        return (id == null || id.length() == 36 && id.charAt(8) == '-' ? "<generated>" : id) + "|" + voter + "|" + work
                + "|" + castAt + "|" + ip + "|" + device;
    }
}
