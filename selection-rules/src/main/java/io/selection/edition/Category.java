package io.selection.edition;

/** A category of works with its two quotas: places on the shortlist and among the winners. */
public record Category(String code, String name, int shortlistQuota, int finalQuota) {
}
