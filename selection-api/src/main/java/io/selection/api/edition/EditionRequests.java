package io.selection.api.edition;

import io.selection.api.web.Ids;
import io.selection.edition.Category;
import io.selection.edition.EditionRules;
import io.selection.edition.ReviewRules;
import io.selection.edition.Stage;
import io.selection.edition.VotingRules;
import io.selection.edition.Weights;
import jakarta.validation.Valid;
import io.selection.api.web.MaxChars;
import io.selection.api.web.MaxChars.Kind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the edition endpoints, with the defaults of docs/api.md for omitted rule fields. */
public final class EditionRequests {

    /** Far above any real award, and far below where doubling a quota could overflow. */
    static final int MAX_QUOTA = 1_000_000;

    private EditionRequests() {
    }

    public record CreateEdition(@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE_KEY) String id,
                                @NotBlank @MaxChars(Kind.TITLE) String title,
                                @Size(max = 1000) String theme,
                                @NotNull LocalDate eligibleFrom,
                                @NotNull LocalDate eligibleTo,
                                String timeZone,
                                @NotEmpty @Size(max = 100) List<@Valid @NotNull CategoryRequest> categories,
                                @NotNull @Valid VotingRequest voting,
                                @Valid ReviewRequest review,
                                @Valid WeightsRequest weights) {

        public EditionRules toRules() {
            return new EditionRules(title, theme, eligibleFrom, eligibleTo,
                    timeZone == null ? "Asia/Shanghai" : timeZone,
                    categories.stream().map(CategoryRequest::toCategory).toList(),
                    voting.toRules(),
                    review == null ? ReviewRules.DEFAULT : review.toRules(),
                    weights == null ? Weights.DEFAULT : weights.toWeights());
        }
    }

    public record CategoryRequest(@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE_KEY) String code,
                                  @NotBlank @MaxChars(Kind.NAME) String name,
                                  @Max(MAX_QUOTA) Integer shortlistQuota,
                                  @NotNull @Max(MAX_QUOTA) Integer finalQuota) {

        Category toCategory() {
            return new Category(code, name, shortlistQuota == null ? 2 * finalQuota : shortlistQuota, finalQuota);
        }
    }

    public record VotingRequest(@NotNull Instant opensAt, @NotNull Instant closesAt, Integer perWorkPerDay,
                                Integer perCategoryPerDay, Integer maxClockSkewSeconds) {

        VotingRules toRules() {
            return new VotingRules(opensAt, closesAt,
                    perWorkPerDay == null ? VotingRules.DEFAULT_PER_WORK_PER_DAY : perWorkPerDay,
                    perCategoryPerDay == null ? VotingRules.DEFAULT_PER_CATEGORY_PER_DAY : perCategoryPerDay,
                    maxClockSkewSeconds == null ? VotingRules.DEFAULT_MAX_CLOCK_SKEW_SECONDS : maxClockSkewSeconds);
        }
    }

    public record ReviewRequest(Integer minScores, Integer trimFrom) {

        ReviewRules toRules() {
            return new ReviewRules(minScores == null ? ReviewRules.DEFAULT.minScores() : minScores,
                    trimFrom == null ? ReviewRules.DEFAULT.trimFrom() : trimFrom);
        }
    }

    public record WeightsRequest(Integer jury, Integer vote) {

        Weights toWeights() {
            return new Weights(jury == null ? Weights.DEFAULT.jury() : jury, vote == null ? Weights.DEFAULT.vote() : vote);
        }
    }

    public record Transition(@NotNull Stage to) {
    }
}
