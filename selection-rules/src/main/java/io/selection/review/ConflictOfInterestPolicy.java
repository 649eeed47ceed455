package io.selection.review;

import java.util.Locale;

/** A reviewer never scores a work from their own organisation (compared trimmed, case-insensitive). */
public final class ConflictOfInterestPolicy {

    private ConflictOfInterestPolicy() {
    }

    public static boolean conflicts(String reviewerOrganisation, String workOrganisation) {
        if (reviewerOrganisation == null || workOrganisation == null) {
            return false;
        }
        String a = reviewerOrganisation.trim().toLowerCase(Locale.ROOT);
        String b = workOrganisation.trim().toLowerCase(Locale.ROOT);
        return !a.isEmpty() && a.equals(b);
    }
}
