package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;

/** An HTTP answer as the tests see it: status, content type, parsed JSON (or null) and the raw text. */
public record Response(int status, String contentType, JsonNode body, String raw, HttpHeaders headers) {

    /** The problem code of a refusal, or null. */
    public String code() {
        return body == null || body.get("code") == null ? null : body.get("code").asText();
    }
}
