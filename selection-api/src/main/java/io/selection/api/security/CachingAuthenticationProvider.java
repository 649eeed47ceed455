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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * BCrypt costs tens of milliseconds of CPU a check, so checking it on every request caps a core at
 * a few dozen requests a second. A credential that passed is remembered for {@code ttlMillis},
 * keyed by a SHA-256 of name and password, so a gateway sending thousands of votes pays BCrypt
 * once. Two things keep a busy gateway from ever paying it all at once:
 * <ul>
 * <li>concurrent first uses of one credential wait for one check, not one each;</li>
 * <li>past half its lifetime an entry is checked again by one request while the others keep using
 * it, so an entry in use never expires under its callers (a changed password still takes effect
 * within the lifetime: the re-check fails and drops the entry).</li>
 * </ul>
 */
public class CachingAuthenticationProvider implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private final DaoAuthenticationProvider delegate;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Authentication>> checking = new ConcurrentHashMap<>();

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
            if (now >= hit.refreshAt && hit.refreshing.compareAndSet(false, true)) {
                try {
                    remember(key, delegate.authenticate(authentication));
                } catch (AuthenticationException revoked) {
                    cache.remove(key, hit);
                    throw revoked;
                }
            }
            return hit.authentication;
        }
        return checkOnce(key, authentication);
    }

    /** The first caller of a credential checks it; callers arriving meanwhile share its answer. */
    private Authentication checkOnce(String key, Authentication authentication) {
        CompletableFuture<Authentication> mine = new CompletableFuture<>();
        CompletableFuture<Authentication> running = checking.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            remember(key, result);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(key, mine);
        }
    }

    private void remember(String key, Authentication result) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        long now = clock.millis();
        cache.put(key, new Cached(result, now + ttlMillis / 2, now + ttlMillis, new AtomicBoolean()));
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

    private record Cached(Authentication authentication, long refreshAt, long expiresAt, AtomicBoolean refreshing) {
    }
}
