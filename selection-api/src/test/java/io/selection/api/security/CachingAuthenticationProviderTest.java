package io.selection.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A busy gateway never pays the slow password check all at once: concurrent first uses share one
 * check, and an entry in use is checked again by one caller past half its lifetime, before it
 * expires. A changed password still takes effect within the lifetime.
 */
class CachingAuthenticationProviderTest {

    /** A password check that counts its calls and can be held until released. */
    private static final class CountingEncoder implements PasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);

        @Override
        public String encode(CharSequence raw) {
            return raw.toString();
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return raw.toString().equals(encoded);
        }
    }

    private static final class MutableClock extends Clock {
        volatile long millis = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private final CountingEncoder encoder = new CountingEncoder();
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername("gateway").password("secret").roles("GATEWAY").build());
    private final MutableClock clock = new MutableClock();
    private final CachingAuthenticationProvider cache = provider();

    private CachingAuthenticationProvider provider() {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new CachingAuthenticationProvider(dao, clock, 300_000);
    }

    private static UsernamePasswordAuthenticationToken login(String password) {
        return new UsernamePasswordAuthenticationToken("gateway", password);
    }

    @Test
    void concurrent_first_uses_share_one_check() throws Exception {
        encoder.hold = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> callers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> cache.authenticate(login("secret")).isAuthenticated()));
        }
        org.awaitility.Awaitility.await().until(() -> encoder.checks.get() >= 1);
        encoder.hold.countDown();

        for (CompletableFuture<Boolean> caller : callers) {
            assertThat(caller.get()).isTrue();
        }
        assertThat(encoder.checks.get()).isEqualTo(1);
    }

    @Test
    void an_entry_in_use_is_checked_again_once_past_half_its_lifetime_and_never_expires_under_its_callers() {
        cache.authenticate(login("secret"));
        clock.millis += 100_000;
        cache.authenticate(login("secret"));
        assertThat(encoder.checks.get()).isEqualTo(1); // fresh: no check

        clock.millis += 60_000; // 160 s: past half of 300 s
        cache.authenticate(login("secret"));
        cache.authenticate(login("secret"));
        assertThat(encoder.checks.get()).isEqualTo(2); // one caller checked it again

        clock.millis += 145_000; // 305 s: past the first check's lifetime, before the renewed entry's half
        cache.authenticate(login("secret"));
        assertThat(encoder.checks.get()).isEqualTo(2); // still cached: it was renewed, not expired
    }

    @Test
    void a_changed_password_takes_effect_within_the_lifetime() {
        cache.authenticate(login("secret"));
        users.updateUser(User.withUsername("gateway").password("changed").roles("GATEWAY").build());
        clock.millis += 160_000;

        assertThatThrownBy(() -> cache.authenticate(login("secret"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> cache.authenticate(login("secret"))).isInstanceOf(BadCredentialsException.class);
        assertThat(cache.authenticate(login("changed")).isAuthenticated()).isTrue();
    }
}
