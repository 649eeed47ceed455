package io.selection.api.security;

public final class Roles {
    public static final String ORGANISER = "ORGANISER";
    public static final String REVIEWER = "REVIEWER";
    public static final String AUDITOR = "AUDITOR";
    public static final String GATEWAY = "GATEWAY";

    private Roles() {
    }
}
