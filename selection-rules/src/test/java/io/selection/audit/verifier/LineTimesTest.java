package io.selection.audit.verifier;

import io.selection.audit.format.LogCodec;

import io.selection.edition.Stage;
import io.selection.events.EditionEvent;
import io.selection.events.StageChangedEvent;
import io.selection.events.VotesDecidedEvent;
import io.selection.voting.Decision;
import io.selection.voting.VoteDecision;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineTimesTest {

    private static final Instant T = Instant.parse("2024-02-27T02:00:00Z");

    private static EditionEvent command(Instant at) {
        return new StageChangedEvent("e", Stage.VOTING, Stage.VOTING, at, "organiser");
    }

    private static EditionEvent votes(Instant receivedAt) {
        return new VotesDecidedEvent("e", "lane-0", null, List.of(new VoteDecision("v", "a", "w1", "TEXT",
                receivedAt, receivedAt, LocalDate.of(2024, 2, 27), Decision.ACCEPTED, null, null, null)));
    }

    /** The violations of a log of these lines, each line stated as its event dates it. */
    private static List<LineTimes.Violation> check(EditionEvent... lines) {
        LineTimes times = new LineTimes();
        List<LineTimes.Violation> found = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            LineTimes.Violation v = times.accept(i + 1, LogCodec.time(LogCodec.at(lines[i])), lines[i]);
            if (v != null) {
                found.add(v);
            }
        }
        return found;
    }

    @Test
    void lines_in_order_and_a_command_a_little_behind_a_vote_group_pass() {
        assertThat(check(command(T), votes(T.plusSeconds(60)), command(T.plusSeconds(30)),
                votes(T.minusSeconds(7_200)), command(T.plusSeconds(90)))).isEmpty();
    }

    @Test
    void a_vote_group_dated_ahead_of_the_next_command_is_blamed_not_the_command() {
        assertThat(check(command(T), votes(T.plusSeconds(86_400)), command(T.plusSeconds(60))))
                .extracting(LineTimes.Violation::seq).containsExactly(2L);
    }

    @Test
    void a_command_dated_back_is_blamed_and_after_a_blamed_line_the_others_are_judged_by_those_that_agree() {
        assertThat(check(command(T), command(T.plusSeconds(60)), command(T.minusSeconds(86_400))))
                .extracting(LineTimes.Violation::seq).containsExactly(3L);
        List<LineTimes.Violation> twice = check(command(T), command(T.plusSeconds(86_400)), command(T.plusSeconds(60)),
                command(T.minusSeconds(86_400)));
        assertThat(twice).extracting(LineTimes.Violation::seq).containsExactly(2L, 4L);
        assertThat(twice.get(1).why()).contains("before line 3");
        // the line after a blamed one that moves nothing on is judged against the lines that agreed
        List<LineTimes.Violation> agreed = check(command(T.plusSeconds(60)), command(T.plusSeconds(86_400)), command(T),
                command(T.minusSeconds(86_400)));
        assertThat(agreed).extracting(LineTimes.Violation::seq).containsExactly(2L, 4L);
        assertThat(agreed.get(1).why()).contains("before the latest of the lines");
    }

    @Test
    void a_stated_time_other_than_the_events_fails_at_its_line() {
        LineTimes times = new LineTimes();
        assertThat(times.accept(1, "2024-02-27T02:00:01Z", votes(T))).extracting(LineTimes.Violation::seq)
                .isEqualTo(1L);
    }
}
