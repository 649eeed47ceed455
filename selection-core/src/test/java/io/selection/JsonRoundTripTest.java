package io.selection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tngtech.archunit.core.domain.JavaClass;
import io.selection.events.EditionCreatedEvent;
import io.selection.events.EditionEvent;
import io.selection.edition.Stage;
import io.selection.events.StageChangedEvent;
import io.selection.edition.TransitionEditionCommand;
import io.selection.results.CertifiedTallies;
import io.selection.events.ResultsPublishedEvent;
import io.selection.events.ShortlistAmendedEvent;
import io.selection.events.ShortlistPublishedEvent;
import io.selection.events.TalliesCertifiedEvent;
import io.selection.results.Winner;
import io.selection.events.ReviewerRegisteredEvent;
import io.selection.review.Round;
import io.selection.events.WorkScoredEvent;
import io.selection.voting.Decision;
import io.selection.voting.InvalidateVotesCommand;
import io.selection.voting.RefusalReason;
import io.selection.voting.Vote;
import io.selection.voting.VoteDecision;
import io.selection.voting.VoteOutcome;
import io.selection.events.VotesDecidedEvent;
import io.selection.events.VotesInvalidatedEvent;
import io.selection.events.WorkDisqualifiedEvent;
import io.selection.events.WorkSubmittedEvent;
import io.selection.json.EventRevisions;
import io.selection.json.SelectionJsonModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.selection.TestEditions.AT;
import static io.selection.TestEditions.ID;
import static io.selection.TestEditions.ORGANISER;
import static io.selection.TestEditions.PIC;
import static io.selection.TestEditions.TEXT;
import static io.selection.TestEditions.place;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event, the vote as it travels to a lane, its outcome and the commands that carry maps
 * survive a Jackson round trip unchanged, as Axon's Jackson serializer will write and read them:
 * with the default date format (numeric timestamps) and with ISO-8601 strings, as Spring Boot
 * configures its mapper.
 */
class JsonRoundTripTest {

    private static final Instant PRECISE = Instant.parse("2024-02-28T02:00:00.123456789Z");

    private static final ObjectMapper TIMESTAMPS = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new SelectionJsonModule());
    private static final ObjectMapper ISO_STRINGS = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new SelectionJsonModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static List<Object> samples() {
        Vote accepted = new Vote("v1", "alice", "t1", PRECISE, PRECISE.plusSeconds(2), "2001:db8::1", "device-1");
        Vote unknownWork = new Vote("v2", "bob", "nope", PRECISE, PRECISE, null, null);
        // decided by a lane as it is: no calendar day
        VoteDecision timeless = new VoteDecision("v3", "carol", "t1", TEXT, Instant.MIN, PRECISE, null,
                Decision.REFUSED, RefusalReason.OUTSIDE_VOTING_WINDOW, null, null);
        Map<String, Long> refusals = new LinkedHashMap<>();
        for (RefusalReason reason : RefusalReason.values()) {
            refusals.put(reason.name(), (long) reason.ordinal());
        }
        return List.of(
                new EditionCreatedEvent(ID, TestEditions.rules(), AT, ORGANISER),
                new StageChangedEvent(ID, Stage.VOTING, Stage.FINAL_REVIEW, PRECISE, ORGANISER),
                new WorkSubmittedEvent(ID, "t1", "正能量 title", "HTTPS://News.Example.cn:443/a/b/#top",
                        "https://news.example.cn/a/b", TEXT, LocalDate.parse("2023-12-31"), "People's Daily", 42L, AT,
                        "unit-7"),
                new WorkDisqualifiedEvent(ID, "t1", "plagiarism", AT, ORGANISER),
                new ReviewerRegisteredEvent(ID, "r1", "Li Wei", null, List.of(PIC, TEXT), AT, ORGANISER),
                new WorkScoredEvent(ID, "t1", "r1", Round.PRELIMINARY, new BigDecimal("87.50"), AT),
                new WorkScoredEvent(ID, "t1", "r1", Round.FINAL, new BigDecimal("100"), AT),
                new ShortlistPublishedEvent(ID, Map.of(TEXT, List.of(place(1, "t2", "90.00"), place(2, "t1", "80.33")),
                        PIC, List.of()), AT),
                new ShortlistAmendedEvent(ID, TEXT, "t2", "t3", new BigDecimal("70.00"), AT),
                new ShortlistAmendedEvent(ID, PIC, "p1", null, null, AT),
                new TalliesCertifiedEvent(ID, Map.of(TEXT, Map.of("t1", 3L, "t2", 0L), PIC, Map.of()), refusals, AT),
                new ResultsPublishedEvent(ID, Map.of(TEXT, List.of(new Winner(1, "t1", new BigDecimal("80.00"), 3_000_000_000L,
                        new BigDecimal("100.00"), new BigDecimal("86.00"))), PIC, List.of()), AT),
                new VotesDecidedEvent(ID, "lane-3", 9_000_000_000L, List.of(TestEditions.accepted(accepted, TEXT),
                        TestEditions.decision(unknownWork, null, RefusalReason.NOT_SHORTLISTED))),
                new VotesDecidedEvent(ID, "local-0", null, List.of(timeless)),
                new VotesInvalidatedEvent(ID, "ip-10.0.0.1-2024-02-28", "same-ip", "one address, 500 votes an hour",
                        List.of("v1", "v7"), Map.of("t1", 2L, "p1", 1L), PRECISE, ORGANISER),
                new VotesInvalidatedEvent(ID, new io.selection.voting.VoteSet("ip-burst:10.0.0.1:a/b", "ip-burst", "ip",
                        "10.0.0.1", PRECISE, PRECISE.plusSeconds(600)), "one address, 500 votes an hour",
                        List.of("v1", "v7"), Map.of("t1", 2L, "p1", 1L), PRECISE, ORGANISER, null),
                new InvalidateVotesCommand(ID, new io.selection.voting.VoteSet("device-burst:d9:a/b", "device-burst",
                        "device", "d9", PRECISE, PRECISE.plusSeconds(600)), "a phone farm", List.of("v3"),
                        Map.of("t2", 1L), PRECISE, ORGANISER),
                new TransitionEditionCommand(ID, Stage.FINAL_REVIEW, PRECISE, ORGANISER,
                        new CertifiedTallies(Map.of("t1", 3L, "p1", 0L), refusals)),
                new TransitionEditionCommand(ID, Stage.VOTING, PRECISE, ORGANISER),
                accepted,
                unknownWork,
                new VoteOutcome("v1", Decision.REFUSED, RefusalReason.DAILY_WORK_LIMIT, true));
    }

    static Stream<Arguments> samplesAndMappers() {
        return samples().stream().flatMap(sample -> Stream.of(
                Arguments.of(sample.getClass().getSimpleName(), "timestamps", TIMESTAMPS, sample),
                Arguments.of(sample.getClass().getSimpleName(), "ISO strings", ISO_STRINGS, sample)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("samplesAndMappers")
    void serialises_and_deserialises_to_an_equal_object(String name, String format, ObjectMapper mapper, Object sample)
            throws Exception {
        String json = mapper.writeValueAsString(sample);
        Object back = mapper.readValue(json, sample.getClass());

        assertThat(back).as(json).isEqualTo(sample);
        assertThat(mapper.writeValueAsString(back)).isEqualTo(json);
    }

    @Test
    void keeps_the_scale_of_displayed_scores_and_nanoseconds_of_instants() throws Exception {
        WorkScoredEvent scored = new WorkScoredEvent(ID, "t1", "r1", Round.PRELIMINARY, new BigDecimal("90.00"), PRECISE);
        WorkScoredEvent back = TIMESTAMPS.readValue(TIMESTAMPS.writeValueAsString(scored), WorkScoredEvent.class);

        assertThat(back.score()).isEqualTo(new BigDecimal("90.00")).hasScaleOf(2);
        assertThat(back.at()).isEqualTo(PRECISE);
    }

    @Test
    void writes_no_derived_properties() throws Exception {
        String rules = TIMESTAMPS.writeValueAsString(TestEditions.rules());
        String decision = TIMESTAMPS.writeValueAsString(TestEditions.accepted(
                TestEditions.vote("v1", "alice", "t1", PRECISE), TEXT));

        assertThat(rules).doesNotContain("\"zone\"");
        assertThat(decision).doesNotContain("\"accepted\"").doesNotContain("\"outcome\"");
    }

    @Test
    void the_samples_cover_every_event_of_the_core_and_each_carries_a_revision() {
        Set<String> events = MainClasses.get().stream()
                .filter(c -> c.isAssignableTo(EditionEvent.class) && !c.isInterface())
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        Set<String> sampled = samples().stream().map(s -> s.getClass().getName()).collect(Collectors.toSet());

        assertThat(events).hasSizeGreaterThanOrEqualTo(12)
                .contains(VotesDecidedEvent.class.getName(), VotesInvalidatedEvent.class.getName(),
                        TalliesCertifiedEvent.class.getName());
        assertThat(sampled).containsAll(events);
        for (String event : events) {
            assertThat(new EventRevisions().revisionOf(classNamed(event))).as(event + " revision").isNotNull();
        }
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
