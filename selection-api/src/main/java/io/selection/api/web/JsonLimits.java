package io.selection.api.web;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** Turns the JSON parser's own refusals (nesting depth, string and number length) into {@link TooLarge}. */
final class JsonLimits {

    private JsonLimits() {
    }

    static TooLarge explain(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        long max = maximum(message);
        if (message.contains("nesting depth")) {
            return new TooLarge("jsonDepth", max, "the JSON is nested deeper than " + max
                    + " levels (selection.limits.json-depth)");
        }
        if (message.startsWith("Number")) {
            return new TooLarge("jsonNumberChars", max, "a JSON number is longer than " + max
                    + " characters (selection.limits.json-number-chars)");
        }
        if (message.startsWith("String")) {
            return new TooLarge("jsonStringChars", max, "a JSON string is longer than " + max
                    + " characters (selection.limits.json-string-chars)");
        }
        return new TooLarge("json", max, "the JSON is over a limit of the parser");
    }

    /** The figure after "maximum allowed (" in Jackson's message, or -1. */
    private static long maximum(String message) {
        int at = message.indexOf("maximum allowed (");
        if (at < 0) {
            return -1;
        }
        int from = at + "maximum allowed (".length();
        int to = from;
        while (to < message.length() && Character.isDigit(message.charAt(to))) {
            to++;
        }
        return to > from ? Long.parseLong(message.substring(from, to)) : -1;
    }
}
