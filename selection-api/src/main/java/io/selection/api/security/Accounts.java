package io.selection.api.security;

import io.selection.api.config.SelectionProperties;
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

/**
 * The local accounts of the {@code local} profile: the three fixed ones from configuration and
 * one per registered reviewer, kept in {@code reviewer_account} (hash only).
 */
@Component
public class Accounts implements UserDetailsService {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final Map<String, UserDetails> fixed;

    public Accounts(JdbcTemplate jdbc, PasswordEncoder encoder, SelectionProperties properties) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        SelectionProperties.Accounts a = properties.accounts();
        this.fixed = Map.of(
                "organiser", user("organiser", encoder.encode(a.organiserPassword()), Roles.ORGANISER),
                "auditor", user("auditor", encoder.encode(a.auditorPassword()), Roles.AUDITOR),
                "gateway", user("gateway", encoder.encode(a.gatewayPassword()), Roles.GATEWAY));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
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
        return fixed.containsKey(username) || jdbc.queryForObject(
                "SELECT COUNT(*) FROM reviewer_account WHERE username = ?", Integer.class, username) > 0;
    }

    /** The edition a reviewer's account belongs to, or null for the built-in accounts. */
    public String editionOf(String username) {
        if (fixed.containsKey(username)) {
            return null;
        }
        List<String> editions = jdbc.queryForList("SELECT edition_id FROM reviewer_account WHERE username = ?",
                String.class, username);
        return editions.isEmpty() ? null : editions.get(0);
    }

    /** Adds a reviewer's account; false when the name is taken. Runs in the caller's transaction. */
    public boolean addReviewer(String username, String editionId, String password) {
        if (fixed.containsKey(username)) {
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
