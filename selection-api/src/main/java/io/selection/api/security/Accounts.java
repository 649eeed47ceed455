package io.selection.api.security;

import io.selection.api.config.SelectionProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local accounts of the {@code local} profile: the three fixed ones from configuration and
 * one per registered reviewer, kept in {@code reviewer_account} (hash only). In the {@code prod}
 * profile nobody signs in with a password: the fixed accounts do not exist and no account loads,
 * but their names stay reserved, so a reviewer's id means the same in every profile.
 */
@Component
public class Accounts implements UserDetailsService {

    private static final Set<String> FIXED_NAMES = Set.of("organiser", "auditor", "gateway");

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final Map<String, UserDetails> fixed;
    private final boolean passwordSignIn;

    public Accounts(JdbcTemplate jdbc, PasswordEncoder encoder, SelectionProperties properties,
                    Environment environment) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.passwordSignIn = !environment.acceptsProfiles(Profiles.of(ProductionSecurity.PROFILE));
        SelectionProperties.Accounts a = properties.accounts();
        this.fixed = !passwordSignIn ? Map.of() : Map.of(
                "organiser", user("organiser", encoder.encode(a.organiserPassword()), Roles.ORGANISER),
                "auditor", user("auditor", encoder.encode(a.auditorPassword()), Roles.AUDITOR),
                "gateway", user("gateway", encoder.encode(a.gatewayPassword()), Roles.GATEWAY));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (!passwordSignIn) {
            throw new UsernameNotFoundException("no password sign-in in the prod profile");
        }
        UserDetails user = fixed.get(username);
        if (user != null) {
            // a copy: Spring Security erases the credentials of what it is given after a login
            return User.withUserDetails(user).build();
        }
        List<String> hashes = jdbc.queryForList("SELECT password_hash FROM reviewer_account WHERE username = ?",
                String.class, username);
        if (hashes.isEmpty()) {
            throw new UsernameNotFoundException("no such account");
        }
        return user(username, hashes.get(0), Roles.REVIEWER);
    }

    public boolean exists(String username) {
        return FIXED_NAMES.contains(username) || jdbc.queryForObject(
                "SELECT COUNT(*) FROM reviewer_account WHERE username = ?", Integer.class, username) > 0;
    }

    /** The edition a reviewer's account belongs to, or null for the built-in accounts. */
    public String editionOf(String username) {
        if (FIXED_NAMES.contains(username)) {
            return null;
        }
        List<String> editions = jdbc.queryForList("SELECT edition_id FROM reviewer_account WHERE username = ?",
                String.class, username);
        return editions.isEmpty() ? null : editions.get(0);
    }

    /** Adds a reviewer's account; false when the name is taken. Runs in the caller's transaction. */
    public boolean addReviewer(String username, String editionId, String password) {
        if (FIXED_NAMES.contains(username)) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO reviewer_account (username, edition_id, password_hash) VALUES (?, ?, ?)",
                    username, editionId, encoder.encode(password));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static UserDetails user(String name, String hash, String role) {
        return User.withUsername(name).password(hash).roles(role).build();
    }
}
