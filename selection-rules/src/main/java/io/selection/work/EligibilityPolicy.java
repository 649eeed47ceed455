package io.selection.work;

import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Refusal;
import io.selection.edition.EditionRules;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Whether a submitted work may enter the edition: published inside the eligibility window, in one
 * of the edition's categories, and not already submitted under an equivalent URL.
 */
public final class EligibilityPolicy {

    private EligibilityPolicy() {
    }

    /** Returns the normalised URL of an eligible work; throws the first reason it is not. */
    public static String check(EditionRules rules, String category, LocalDate publishedOn, String url,
                               Set<String> normalisedUrlsSoFar) {
        String normalised = UrlNormaliser.normalise(url);
        if (publishedOn == null) {
            throw DomainException.invalid("publishedOn", Refusal.REQUIRED, "publishedOn");
        }
        if (publishedOn.isBefore(rules.eligibleFrom()) || publishedOn.isAfter(rules.eligibleTo())) {
            throw new DomainException(ErrorCode.OUT_OF_ELIGIBILITY_WINDOW, "publishedOn", List.of(),
                    Refusal.OUTSIDE_WINDOW, publishedOn, rules.eligibleFrom(), rules.eligibleTo());
        }
        if (rules.category(category).isEmpty()) {
            throw new DomainException(ErrorCode.UNKNOWN_CATEGORY, "category", List.of(String.valueOf(category)),
                    Refusal.UNKNOWN_CATEGORY, category);
        }
        if (normalisedUrlsSoFar.contains(normalised)) {
            throw new DomainException(ErrorCode.DUPLICATE_URL, "url", List.of(normalised), Refusal.DUPLICATE_URL,
                    normalised);
        }
        return normalised;
    }
}
