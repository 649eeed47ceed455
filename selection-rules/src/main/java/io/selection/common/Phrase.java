package io.selection.common;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;

/**
 * A sentence a refusal says, with blanks for its values: the {@link #key} a server finds its
 * wording by in the reader's language, and the {@link #english} wording (a
 * {@link MessageFormat} pattern, {@code {0}}, {@code {1}} the values), which the rulebook, the
 * verifier and every English answer say.
 */
public interface Phrase {

    /** The key of the wording in a server's message bundles (e.g. {@code refusal.STAGE_ORDER}). */
    String key();

    /** The English pattern: {@code {n}} is the n-th value; a quote is written twice. */
    String english();

    /** The sentence in English with these values, each as its {@code String.valueOf}. */
    default String say(Object... values) {
        Object[] plain = Arrays.stream(values).map(String::valueOf).toArray();
        return new MessageFormat(english(), Locale.ROOT).format(plain);
    }
}
