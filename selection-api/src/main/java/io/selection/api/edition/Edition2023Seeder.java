package io.selection.api.edition;

import io.selection.api.config.SelectionProperties;
import io.selection.common.DomainException;
import io.selection.edition.Category;
import io.selection.edition.CreateEditionCommand;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Creates the 2023 edition of the seed articles, once, as events: in DRAFT, five categories of 220
 * shortlist and 110 final places, public voting 2024-02-27 to 2024-03-04 Beijing time.
 */
@Component
public class Edition2023Seeder implements ApplicationRunner {

    public static final String EDITION_ID = "2023";

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final SelectionProperties properties;
    private final Clock clock;

    public Edition2023Seeder(CommandGateway commands, EventStore eventStore, SelectionProperties properties,
                             Clock clock) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.properties = properties;
        this.clock = clock;
    }

    public static EditionRules rules2023() {
        return new EditionRules(
                "2023 China Positive Energy Internet Quality Collection and Exhibition",
                "Gathering the Power of a Powerful Country to Build a Great Rejuvenation",
                LocalDate.parse("2023-01-01"), LocalDate.parse("2023-12-31"), "Asia/Shanghai",
                List.of(new Category("texts", "Texts", 220, 110),
                        new Category("pictures", "Pictures", 220, 110),
                        new Category("audio-video", "Audio and video", 220, 110),
                        new Category("special-columns", "Special columns", 220, 110),
                        new Category("theme-activities", "Theme activities", 220, 110)),
                new VotingRules(Instant.parse("2024-02-26T16:00:00Z"), Instant.parse("2024-03-04T16:00:00Z"),
                        VotingRules.DEFAULT_PER_WORK_PER_DAY, VotingRules.DEFAULT_PER_CATEGORY_PER_DAY,
                        VotingRules.DEFAULT_MAX_CLOCK_SKEW_SECONDS),
                ReviewRules.DEFAULT, Weights.DEFAULT);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.seed2023() || EditionController.exists(eventStore, EDITION_ID)) {
            return;
        }
        try {
            commands.sendAndWait(new CreateEditionCommand(EDITION_ID, rules2023(), clock.instant(), "system"));
        } catch (ConcurrencyException | DomainException e) {
            // another instance created it first: the edition exists, which is all this wanted
        }
    }
}
