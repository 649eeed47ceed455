package io.selection.api.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BCrypt costs tens of milliseconds of CPU a check, so checking it on every request caps a core at
 * a few dozen requests a second. A credential that passed is remembered for a short while, keyed
 * by a SHA-256 of name and password, so a gateway sending thousands of votes pays BCrypt once.
 */
public class CachingAuthenticationProvider implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private final DaoAuthenticationProvider delegate;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public CachingAuthenticationProvider(DaoAuthenticationProvider delegate, Clock clock, long ttlMillis) {
        this.delegate = delegate;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = key(authentication.getName(), String.valueOf(authentication.getCredentials()));
        long now = clock.millis();
        Cached hit = cache.get(key);
        if (hit != null && hit.expiresAt > now) {
            return hit.authentication;
        }
        Authentication result = delegate.authenticate(authentication);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Cached(result, now + ttlMillis));
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String key(String name, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Cached(Authentication authentication, long expiresAt) {
    }
}
