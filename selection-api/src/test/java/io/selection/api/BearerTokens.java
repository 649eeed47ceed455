package io.selection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * A stand-in identity provider for the {@code prod} profile's tests: an RSA key pair made here, its
 * public half written as a PEM file for {@code public-key-location}, and tokens signed with it. No
 * network: the service reads the key from the file.
 */
final class BearerTokens {

    static final String ISSUER = "https://id.selection.test/realms/selection";
    static final String AUDIENCE = "selection";

    private final RSAKey key;

    BearerTokens() {
        this.key = newKey();
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-" + System.nanoTime()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as {@code -----BEGIN PUBLIC KEY-----} PEM, in a file under {@code dir}. */
    Path writePublicKey(Path dir) throws IOException {
        try {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            return Files.writeString(dir.resolve("issuer-public.pem"), pem);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token valid for ten minutes from this issuer, for {@code subject} with these roles. */
    String token(String subject, String... roles) {
        return sign(key, claims(subject, ISSUER, Instant.now().plus(Duration.ofMinutes(10)), roles));
    }

    static JWTClaimsSet.Builder claims(String subject, String issuer, Instant expires, String... roles) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(AUDIENCE)
                .issueTime(Date.from(expires.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(expires)).claim("roles", List.of(roles));
    }

    String sign(JWTClaimsSet.Builder claims) {
        return sign(key, claims);
    }

    static String sign(RSAKey signer, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request with the given Authorization header value (or none), JSON answers parsed. */
    static Response send(String baseUrl, String authorization, String method, String path, String contentType,
                         String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = TestHttp.exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = null;
        try {
            node = response.body() == null || response.body().isBlank() ? null : TestHttp.JSON.readTree(response.body());
        } catch (IOException notJson) {
            node = null;
        }
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), node,
                response.body(), response.headers());
    }

    static Response get(String baseUrl, String token, String path) {
        return send(baseUrl, token == null ? null : "Bearer " + token, "GET", path, null, null);
    }

    static Response post(String baseUrl, String token, String path, Object body) {
        try {
            String json = body instanceof String s ? s : TestHttp.JSON.writeValueAsString(body);
            return send(baseUrl, token == null ? null : "Bearer " + token, "POST", path, "application/json", json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
