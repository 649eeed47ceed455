package io.selection.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code prod} profile refuses to start, with a sentence naming what to set, when bearer tokens
 * could not be checked or a built-in default password is configured; and it refuses before it
 * touches the store or opens a port.
 */
class ProductionStartRefusalTest {

    @TempDir
    Path dir;

    private void start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=prod", "--server.port=0",
                "--selection.data-dir=" + dir.resolve("data"), "--selection.seed-2023=false"));
        args.addAll(List.of(extra));
        new SpringApplicationBuilder(SelectionApplication.class).run(args.toArray(String[]::new)).close();
    }

    private String publicKey() throws IOException {
        return "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:"
                + new BearerTokens().writePublicKey(dir);
    }

    private void assertNothingStarted() throws IOException {
        if (Files.exists(dir.resolve("data"))) {
            try (Stream<Path> files = Files.list(dir.resolve("data"))) {
                assertThat(files).as("the store was not opened").isEmpty();
            }
        }
    }

    @Test
    void refuses_to_start_without_an_issuer_or_key_set_and_names_the_settings() throws IOException {
        assertThatThrownBy(this::start)
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                .hasMessageContaining("jwk-set-uri")
                .hasMessageContaining("public-key-location");
        assertNothingStarted();
    }

    @Test
    void a_blank_issuer_counts_as_none() throws IOException {
        assertThatThrownBy(() -> start("--spring.security.oauth2.resourceserver.jwt.issuer-uri= "))
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        assertNothingStarted();
    }

    @Test
    void refuses_to_start_with_a_built_in_default_password_and_names_it() throws IOException {
        String key = publicKey();
        assertThatThrownBy(() -> start(key, "--selection.accounts.organiser-password=organiser"))
                .hasMessageContaining("selection.accounts.organiser-password")
                .hasMessageContaining("default");
        assertThatThrownBy(() -> start(key, "--selection.accounts.auditor-password=auditor",
                "--selection.accounts.gateway-password=gateway"))
                .hasMessageContaining("selection.accounts.auditor-password")
                .hasMessageContaining("selection.accounts.gateway-password");
        assertNothingStarted();
    }

    @Test
    void refuses_a_default_password_given_as_an_environment_style_property_too() throws IOException {
        String key = publicKey();
        // SELECTION_ACCOUNTS_GATEWAY_PASSWORD binds to the same name; a system property stands in for it here
        System.setProperty("selection.accounts.gateway-password", "gateway");
        try {
            assertThatThrownBy(() -> start(key)).hasMessageContaining("selection.accounts.gateway-password");
        } finally {
            System.clearProperty("selection.accounts.gateway-password");
        }
        assertNothingStarted();
    }

    @Test
    void refuses_to_start_without_the_logs_signing_key_and_names_the_setting() throws IOException {
        String key = publicKey();
        assertThatThrownBy(() -> start(key)).hasMessageContaining("selection.checkpoints.signer-key")
                .hasMessageContaining("keygen");
        assertThatThrownBy(() -> start(key, "--selection.checkpoints.signer-key= "))
                .hasMessageContaining("selection.checkpoints.signer-key");
        assertNothingStarted();
    }
}
