package io.selection.edition;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;

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
        require(title != null && !title.isBlank(), "title", "title is required");
        require(eligibleFrom != null, "eligibleFrom", "eligibleFrom is required");
        require(eligibleTo != null, "eligibleTo", "eligibleTo is required");
        require(!eligibleTo.isBefore(eligibleFrom), "eligibleTo", "eligibleTo is before eligibleFrom");
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw DomainException.invalid("timeZone", "unknown time zone: " + timeZone);
        }
        require(voting != null && voting.opensAt() != null && voting.closesAt() != null, "voting",
                "voting with opensAt and closesAt is required");
        require(review != null, "review", "review rules are required");
        require(weights != null, "weights", "weights are required");
        require(!categories.isEmpty(), "categories", "at least one category is required");
        Set<String> codes = new HashSet<>();
        for (Category c : categories) {
            require(codes.add(c.code()), "categories", "category code appears twice: " + c.code());
            if (c.finalQuota() < 1) {
                throw new DomainException(ErrorCode.QUOTA_MISMATCH,
                        "category " + c.code() + ": finalQuota must be at least 1", "categories", List.of(c.code()));
            }
            if (c.shortlistQuota() < c.finalQuota()) {
                throw new DomainException(ErrorCode.QUOTA_MISMATCH, "category " + c.code() + ": shortlistQuota "
                        + c.shortlistQuota() + " is smaller than finalQuota " + c.finalQuota(), "categories",
                        List.of(c.code()));
            }
        }
        require(voting.opensAt().isBefore(voting.closesAt()), "voting.closesAt", "voting closes before it opens");
        require(voting.perWorkPerDay() >= 1, "voting.perWorkPerDay", "perWorkPerDay must be at least 1");
        require(voting.perCategoryPerDay() >= 1, "voting.perCategoryPerDay", "perCategoryPerDay must be at least 1");
        require(voting.maxClockSkewSeconds() >= 0, "voting.maxClockSkewSeconds", "maxClockSkewSeconds must not be negative");
        require(review.minScores() >= 1, "review.minScores", "minScores must be at least 1");
        require(review.trimFrom() >= 3, "review.trimFrom", "trimFrom must be at least 3");
        require(weights.jury() >= 0 && weights.vote() >= 0 && weights.jury() + weights.vote() == 100,
                "weights", "weights must be non-negative and add up to 100");
    }

    private static void require(boolean condition, String field, String detail) {
        if (!condition) {
            throw DomainException.invalid(field, detail);
        }
    }
}
