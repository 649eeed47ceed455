package io.selection.edition;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Refusal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Everything an organiser sets in DRAFT: the configuration every rule of the edition reads. */
public record EditionRules(String title, String theme, LocalDate eligibleFrom, LocalDate eligibleTo,
                           String timeZone, List<Category> categories, VotingRules voting,
                           ReviewRules review, Weights weights) {

    public EditionRules {
        categories = List.copyOf(categories);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Optional<Category> category(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** Checks the rules hang together; throws the first inconsistency found. */
    public void check() {
        require(title != null && !title.isBlank(), "title", Refusal.REQUIRED, "title");
        require(eligibleFrom != null, "eligibleFrom", Refusal.REQUIRED, "eligibleFrom");
        require(eligibleTo != null, "eligibleTo", Refusal.REQUIRED, "eligibleTo");
        require(!eligibleTo.isBefore(eligibleFrom), "eligibleTo", Refusal.ELIGIBLE_ORDER);
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw DomainException.invalid("timeZone", Refusal.TIME_ZONE, timeZone);
        }
        require(voting != null && voting.opensAt() != null && voting.closesAt() != null, "voting",
                Refusal.VOTING_REQUIRED);
        require(review != null, "review", Refusal.REVIEW_REQUIRED);
        require(weights != null, "weights", Refusal.WEIGHTS_REQUIRED);
        require(!categories.isEmpty(), "categories", Refusal.CATEGORY_REQUIRED);
        Set<String> codes = new HashSet<>();
        for (Category c : categories) {
            require(codes.add(c.code()), "categories", Refusal.CATEGORY_TWICE, c.code());
            if (c.finalQuota() < 1) {
                throw new DomainException(ErrorCode.QUOTA_MISMATCH, "categories", List.of(c.code()),
                        Refusal.FINAL_QUOTA, c.code());
            }
            if (c.shortlistQuota() < c.finalQuota()) {
                throw new DomainException(ErrorCode.QUOTA_MISMATCH, "categories", List.of(c.code()),
                        Refusal.SHORTLIST_QUOTA, c.code(), c.shortlistQuota(), c.finalQuota());
            }
        }
        require(voting.opensAt().isBefore(voting.closesAt()), "voting.closesAt", Refusal.VOTING_ORDER);
        require(voting.perWorkPerDay() >= 1, "voting.perWorkPerDay", Refusal.AT_LEAST, "perWorkPerDay", 1);
        require(voting.perCategoryPerDay() >= 1, "voting.perCategoryPerDay", Refusal.AT_LEAST, "perCategoryPerDay",
                1);
        require(voting.maxClockSkewSeconds() >= 0, "voting.maxClockSkewSeconds", Refusal.NOT_NEGATIVE,
                "maxClockSkewSeconds");
        require(review.minScores() >= 1, "review.minScores", Refusal.AT_LEAST, "minScores", 1);
        require(review.trimFrom() >= 3, "review.trimFrom", Refusal.AT_LEAST, "trimFrom", 3);
        require(weights.jury() >= 0 && weights.vote() >= 0 && weights.jury() + weights.vote() == 100,
                "weights", Refusal.WEIGHTS);
    }

    private static void require(boolean condition, String field, Refusal refusal, Object... values) {
        if (!condition) {
            throw DomainException.invalid(field, refusal, values);
        }
    }
}
