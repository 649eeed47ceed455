package io.selection.audit.proofs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * A signed note (C2SP signed-note, as Go's {@code golang.org/x/mod/sumdb/note} reads and writes it):
 * a text ending in a newline, a blank line, then one line per signature,
 * {@code — <key name> <base64 of the 4-byte key id and the signature>}. A log signs the text with
 * its Ed25519 key; a witness adds a cosignature line (C2SP tlog-cosignature v1: the key id, an
 * 8-byte time in seconds, and the Ed25519 signature of {@code cosignature/v1\ntime <t>\n<text>}).
 * Opening a note checks every signature by a known key and fails on any that does not verify.
 */
public final class SignedNote {

    private static final String DASH = "\u2014 ";

    private SignedNote() {
    }

    /** One signature line: who, the key id, and the bytes after it (for a cosignature, the time first). */
    public record Line(String name, int keyId, byte[] signature) {

        /** The line as the note writes it, with its newline. */
        public String text() {
            byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
            return DASH + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        }

        /** The time a cosignature carries, in seconds since 1970 (0 for a log's own signature). */
        public long cosignedAt() {
            return signature.length == 72 ? ByteBuffer.wrap(signature, 0, 8).getLong() : 0;
        }
    }

    /**
     * A note opened: its text, the lines signed by a key given (in the note's order), and the lines
     * of keys not given, kept as they were.
     */
    public record Opened(String text, List<Line> verified, List<Line> others) {

        public boolean signedBy(NoteKey key) {
            return verified.stream().anyMatch(l -> l.name().equals(key.name()) && l.keyId() == key.keyId());
        }
    }

    /** {@code text} signed by {@code signer}: the text, a blank line and the signature line. */
    public static String sign(String text, NoteSigner signer) {
        checkText(text);
        if (signer.type() != NoteKey.ED25519) {
            throw new IllegalArgumentException("a note is signed with an Ed25519 key (type 1); a cosigner cosigns");
        }
        byte[] sig = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        return text + "\n" + new Line(signer.name(), signer.keyId(), sig).text();
    }

    /** The cosignature line of a witness over a checkpoint's {@code text}, at {@code time} (seconds). */
    public static Line cosign(String text, long time, NoteSigner witness) {
        checkText(text);
        if (witness.type() != NoteKey.COSIGNATURE) {
            throw new IllegalArgumentException("a witness cosigns with a cosignature key (type 4)");
        }
        byte[] sig = witness.sign(cosigned(text, time));
        return new Line(witness.name(), witness.keyId(), ByteBuffer.allocate(72).putLong(time).put(sig).array());
    }

    /** {@code note} with {@code line} added after its signatures. */
    public static String withLine(String note, Line line) {
        split(note);
        return note + line.text();
    }

    /**
     * Opens a note: checks each signature line by a key in {@code keys} (a log's key, or a witness's
     * cosignature key) and keeps the others. IllegalArgumentException, naming what is wrong, for a
     * malformed note or a signature by a known key that does not verify.
     */
    public static Opened open(String note, Collection<NoteKey> keys) {
        String[] parts = split(note);
        String text = parts[0];
        List<Line> verified = new ArrayList<>();
        List<Line> others = new ArrayList<>();
        for (String raw : parts[1].split("\n")) {
            Line line = parseLine(raw);
            NoteKey key = keys.stream().filter(k -> k.name().equals(line.name()) && k.keyId() == line.keyId())
                    .findFirst().orElse(null);
            if (key == null) {
                others.add(line);
                continue;
            }
            boolean ok = key.type() == NoteKey.ED25519
                    ? key.verifies(text.getBytes(StandardCharsets.UTF_8), line.signature())
                    : line.signature().length == 72 && key.verifies(cosigned(text, line.cosignedAt()),
                    Arrays.copyOfRange(line.signature(), 8, 72));
            if (!ok) {
                throw new IllegalArgumentException("the signature of " + line.name() + " does not verify");
            }
            verified.add(line);
        }
        return new Opened(text, verified, others);
    }

    /** The message a witness signs: {@code cosignature/v1\ntime <t>\n} and the checkpoint's text. */
    static byte[] cosigned(String text, long time) {
        return ("cosignature/v1\ntime " + time + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    /** The text (with its final newline) and the signature lines (with theirs), split at the last blank line. */
    private static String[] split(String note) {
        if (note == null || !note.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note ends with a newline");
        }
        int blank = note.lastIndexOf("\n\n");
        if (blank < 0) {
            throw new IllegalArgumentException("a signed note has a blank line before its signatures");
        }
        String text = note.substring(0, blank + 1);
        String signatures = note.substring(blank + 2);
        checkText(text);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a signed note has at least one signature");
        }
        return new String[]{text, signatures};
    }

    private static Line parseLine(String raw) {
        if (!raw.startsWith(DASH)) {
            throw new IllegalArgumentException("a signature line starts with an em dash and a space: " + raw);
        }
        String rest = raw.substring(DASH.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new IllegalArgumentException("a signature line is \u2014 <name> <base64>: " + raw);
        }
        String name = rest.substring(0, space);
        NoteKey.checkName(name);
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signature of " + name + " is not base64");
        }
        if (blob.length < 5) {
            throw new IllegalArgumentException("the signature of " + name + " is too short");
        }
        return new Line(name, ByteBuffer.wrap(blob).getInt(), Arrays.copyOfRange(blob, 4, blob.length));
    }

    /** A note's text: not empty, ends with a newline, no other control characters, not a blank line at its end. */
    private static void checkText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a note's text ends with a newline");
        }
        if (text.endsWith("\n\n") || text.equals("\n")) {
            throw new IllegalArgumentException("a note's text does not end with a blank line");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && Character.isISOControl(c)) {
                throw new IllegalArgumentException("a note's text has no control characters but newlines");
            }
        }
    }
}
