package io.selection.api.security;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Stops the service before anything starts (no database, no Kafka, no port) when the {@code prod}
 * profile would run unsafely: without an issuer or key set to check bearer tokens against, or with
 * a built-in account's default password still configured. Runs after the configuration files are
 * read, so it sees their profiles and values. See docs/operations.md.
 */
public class ProductionSettingsGuard implements EnvironmentPostProcessor, Ordered {

    static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String PUBLIC_KEY = "spring.security.oauth2.resourceserver.jwt.public-key-location";

    static final String NO_ISSUER = "The prod profile takes bearer tokens only and has nothing to check them "
            + "against: set " + ISSUER + " (your identity provider's issuer), or " + JWK_SET + " or " + PUBLIC_KEY
            + " (its signing keys; set the issuer too, so that the tokens' iss is checked).";

    static final String SIGNER_KEY = "selection.checkpoints.signer-key";

    static final String NO_SIGNER_KEY = "The prod profile signs every edition's checkpoints with the log's own "
            + "Ed25519 key and has none: set " + SIGNER_KEY + " (for example through SELECTION_CHECKPOINTS_SIGNER_KEY) "
            + "to a signer key PRIVATE+KEY+<name>+<id>+<key>, made once with `java -jar selection-audit.jar "
            + "keygen --name <name>` or any C2SP signed-note tool, and keep it secret; its "
            + "verifier key is then served at /api/public/editions/{e}/log-key.";

    /** The built-in accounts' passwords as shipped in application.yml, by property. */
    static final Map<String, String> DEFAULT_PASSWORDS = Map.of(
            "selection.accounts.organiser-password", "organiser",
            "selection.accounts.auditor-password", "auditor",
            "selection.accounts.gateway-password", "gateway");

    private final Log log;

    public ProductionSettingsGuard(DeferredLogFactory logs) {
        this.log = logs.getLog(ProductionSettingsGuard.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> defaults = defaultPasswords(environment);
        if (environment.acceptsProfiles(Profiles.of(ProductionSecurity.PROFILE))) {
            if (!StringUtils.hasText(environment.getProperty(ISSUER))
                    && !StringUtils.hasText(environment.getProperty(JWK_SET))
                    && !StringUtils.hasText(environment.getProperty(PUBLIC_KEY))) {
                throw new UnsafeProductionSettingsException(NO_ISSUER);
            }
            if (!defaults.isEmpty()) {
                throw new UnsafeProductionSettingsException("The prod profile refuses the built-in default "
                        + "passwords, and " + String.join(", ", defaults) + " still hold them: remove these "
                        + "settings (the built-in accounts do not exist in prod) or give each a secret of its own, "
                        + "for example through SELECTION_ACCOUNTS_ORGANISER_PASSWORD.");
            }
            if (!StringUtils.hasText(environment.getProperty(SIGNER_KEY))) {
                throw new UnsafeProductionSettingsException(NO_SIGNER_KEY);
            }
        } else if (!defaults.isEmpty() && environment.getActiveProfiles().length > 0
                && !Arrays.equals(environment.getActiveProfiles(), new String[]{"local"})) {
            // postgres and kafka alone are the store and door of a local or benchmark run, which sign in
            // with the built-in accounts; only prod refuses them
            log.warn("Profiles " + String.join(",", environment.getActiveProfiles()) + " run with the built-in "
                    + "default passwords of " + String.join(", ", defaults) + ": fine for a demo or benchmark, "
                    + "never for a real selection (use the prod profile, which refuses them).");
        }
    }

    private static List<String> defaultPasswords(ConfigurableEnvironment environment) {
        List<String> found = new ArrayList<>();
        DEFAULT_PASSWORDS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (e.getValue().equals(environment.getProperty(e.getKey()))) {
                found.add(e.getKey());
            }
        });
        return found;
    }

    @Override
    public int getOrder() {
        // after ConfigDataEnvironmentPostProcessor has read application*.yml and the active profiles
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** A start refused for the reason in its message; {@link ProductionSettingsFailureAnalyzer} prints it. */
    public static class UnsafeProductionSettingsException extends IllegalStateException {
        public UnsafeProductionSettingsException(String message) {
            super(message);
        }
    }
}
