package io.selection.audit.proofs;

import io.selection.audit.format.Hex;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Sha256Test {

    @Test
    void matches_the_fips_180_examples() {
        assertThat(Hex.of(Sha256.of())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hex.of(Sha256.of(ascii("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hex.of(Sha256.of(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void hashes_the_concatenation_of_its_parts() {
        assertThat(Sha256.of(ascii("a"), ascii(""), ascii("bc"))).isEqualTo(Sha256.of(ascii("abc")));
    }

    @Test
    void a_failed_call_does_not_taint_the_next() {
        assertThatThrownBy(() -> Sha256.of(ascii("a"), null)).isInstanceOf(NullPointerException.class);
        assertThat(Hex.of(Sha256.of(ascii("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void gives_the_same_hashes_from_many_threads_at_once() {
        List<String> sequential = IntStream.range(0, 20_000).mapToObj(Sha256Test::hashOf).toList();
        List<String> parallel = IntStream.range(0, 20_000).parallel().mapToObj(Sha256Test::hashOf).toList();
        assertThat(parallel).isEqualTo(sequential);
    }

    private static String hashOf(int i) {
        return Hex.of(Sha256.of(ascii("entry-"), ascii(Integer.toString(i))));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
