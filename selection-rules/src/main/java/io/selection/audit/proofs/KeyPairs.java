package io.selection.audit.proofs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * Making Ed25519 keys for signed notes: a new key pair, and the public key of a signer key's seed.
 * The one class of the rulebook that draws random numbers (RulesArchitectureTest names it): a key is
 * made once, by an operator or a witness, and never inside a fold, a rule or a check, which stay
 * deterministic.
 */
public final class KeyPairs {

    private KeyPairs() {
    }

    /** A new key pair of {@code type} ({@link NoteKey#ED25519} for a log, {@link NoteKey#COSIGNATURE} for a witness). */
    public static NoteSigner generate(String name, byte type) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return NoteSigner.of(name, type, last32(pair.getPrivate().getEncoded()),
                    last32(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK generates Ed25519 keys (Java 15 and later)", e);
        }
    }

    /** The verifier key of a signer key. */
    public static NoteKey verifierKey(NoteSigner signer) {
        NoteKey key = NoteKey.of(signer.name(), signer.type(), publicKey(signer.seed()));
        if (!signer.checks(key)) {
            throw new IllegalArgumentException("the signer key " + signer + " does not match its own key id");
        }
        return key;
    }

    /**
     * The public key of an Ed25519 seed. The JDK computes it only inside its key-pair generator,
     * which draws the seed from its source of random bytes: given one that yields this seed, it
     * makes this seed's key pair.
     */
    static byte[] publicKey(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    if (bytes.length != seed.length) {
                        throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " bytes");
                    }
                    System.arraycopy(seed, 0, bytes, 0, seed.length);
                }
            });
            return last32(generator.generateKeyPair().getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK generates Ed25519 keys (Java 15 and later)", e);
        }
    }

    private static byte[] last32(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
