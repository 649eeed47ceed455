package io.selection.recount;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A language an explanation is said in: {@code code} is how a caller asks for it ({@code ?lang=},
 * {@code --lang}), {@code tag} the BCP 47 tag the answer names it by ({@code Content-Language}).
 */
public enum Language {
    EN("en", "en"),
    /** Simplified Chinese. */
    ZH("zh", "zh-CN");

    private final String code;
    private final String tag;

    Language(String code, String tag) {
        this.code = code;
        this.tag = tag;
    }

    public String code() {
        return code;
    }

    public String tag() {
        return tag;
    }

    /** The language of a code ({@code en}, {@code zh}, any case); a clear refusal naming the codes otherwise. */
    public static Language ofCode(String code) {
        for (Language l : values()) {
            if (l.code.equalsIgnoreCase(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("not a language: " + code + "; one of "
                + Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", ")));
    }
}
