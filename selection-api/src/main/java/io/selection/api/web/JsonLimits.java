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
            return new TooLarge("jsonDepth", max, ApiPhrase.JSON_DEPTH, max);
        }
        if (message.startsWith("Number")) {
            return new TooLarge("jsonNumberChars", max, ApiPhrase.JSON_NUMBER_CHARS, max);
        }
        if (message.startsWith("String")) {
            return new TooLarge("jsonStringChars", max, ApiPhrase.JSON_STRING_CHARS, max);
        }
        return new TooLarge("json", max, ApiPhrase.JSON_LIMIT);
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
