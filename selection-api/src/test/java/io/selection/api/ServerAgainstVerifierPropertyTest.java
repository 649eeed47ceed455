package io.selection.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server and the verifier apply one rulebook ({@link PropertyStream}): seeded random streams over
 * both HTTP doors and every lane of the local intake. A seed that fails names itself in the test's
 * name. The Kafka door: {@link ServerAgainstVerifierOverKafkaPropertyTest}.
 */
class ServerAgainstVerifierPropertyTest extends ApiTestBase {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void a_random_stream_over_both_doors_verifies_and_every_id_answers_its_first_decision(long seed) throws Exception {
        new PropertyStream(http(), null).run("prop" + seed, seed);
    }
}
