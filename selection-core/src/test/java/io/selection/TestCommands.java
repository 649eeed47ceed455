package io.selection;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.edition.Edition;
import io.selection.edition.Stage;
import io.selection.edition.TransitionEditionCommand;
import io.selection.results.CertifiedTallies;
import io.selection.work.SubmitWorkCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.util.List;

import static io.selection.TestEditions.AT;
import static io.selection.TestEditions.ID;
import static io.selection.TestEditions.ORGANISER;
import static io.selection.TestEditions.PUBLISHED_ON;
import static io.selection.TestEditions.urlOf;

/**
 * The aggregate's side of the shared test data ({@link TestEditions} in selection-rules' tests):
 * command factories, the Axon fixture and a hamcrest matcher on {@link DomainException#code()}.
 */
public final class TestCommands {

    private TestCommands() {
    }

    public static SubmitWorkCommand submit(String workId, String category) {
        return new SubmitWorkCommand(ID, workId, "Title of " + workId, urlOf(workId), category, PUBLISHED_ON,
                "Unit of " + workId, AT, ORGANISER);
    }

    public static TransitionEditionCommand transition(Stage to) {
        return new TransitionEditionCommand(ID, to, AT, ORGANISER);
    }

    public static TransitionEditionCommand transition(Stage to, CertifiedTallies tallies) {
        return new TransitionEditionCommand(ID, to, AT, ORGANISER, tallies);
    }

    // ---- the aggregate fixture ----

    /**
     * A fresh fixture for the Edition aggregate. Axon's illegal-state-change check compares the
     * aggregate after the command with one re-sourced from the events, field by field: the whole
     * standing (stage, works with their scores, URLs, reviewers, the voting state, invalidated sets).
     */
    public static FixtureConfiguration<Edition> fixture() {
        return new AggregateTestFixture<>(Edition.class);
    }

    // ---- matching refusals ----

    /** Matches a {@link DomainException} with the given code. */
    public static Matcher<DomainException> refusal(ErrorCode code) {
        return refusal(code, null, null);
    }

    /** Matches a {@link DomainException} with the given code and exactly these items. */
    public static Matcher<DomainException> refusal(ErrorCode code, List<String> items) {
        return refusal(code, null, items);
    }

    /** Matches a {@link DomainException} with the given code and field (and items, unless null). */
    public static Matcher<DomainException> refusal(ErrorCode code, String field, List<String> items) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code && (field == null || field.equals(e.field()))
                        && (items == null || items.equals(e.items()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("DomainException with code ").appendValue(code);
                if (field != null) {
                    description.appendText(", field ").appendValue(field);
                }
                if (items != null) {
                    description.appendText(", items ").appendValue(items);
                }
            }

            @Override
            protected void describeMismatchSafely(DomainException e, Description description) {
                description.appendText("was code ").appendValue(e.code()).appendText(", field ")
                        .appendValue(e.field()).appendText(", items ").appendValue(e.items())
                        .appendText(": ").appendText(String.valueOf(e.getMessage()));
            }
        };
    }

}
