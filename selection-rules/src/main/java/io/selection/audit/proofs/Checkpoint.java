package io.selection.audit.proofs;

import java.util.Arrays;
import java.util.Base64;

/**
 * A checkpoint of an edition's log (C2SP tlog-checkpoint): the log's {@code origin} (one per
 * edition), its tree size and the RFC 9162 tree head of its first {@code size} line hashes. Its
 * {@link #text()} is what the log signs as a {@link SignedNote}:
 * {@code <origin>\n<size>\n<base64 root>\n}. Anyone who keeps a signed checkpoint can later ask the
 * log to prove that it still extends it (a consistency proof), and anyone holding a line can ask
 * for its inclusion under it.
 */
public record Checkpoint(String origin, long size, byte[] root) {

    public Checkpoint {
        if (origin == null || origin.isBlank() || origin.contains("\n") || !origin.equals(origin.strip())) {
            throw new IllegalArgumentException("a checkpoint's origin is one line, not blank");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a checkpoint's size is not negative");
        }
        if (root == null || root.length != 32) {
            throw new IllegalArgumentException("a checkpoint's root is a 32-byte SHA-256 tree head");
        }
        root = root.clone();
    }

    /** The origin of an edition's log: {@code <log name>/<edition id>}. */
    public static String origin(String logName, String editionId) {
        return logName + "/" + editionId;
    }

    /** The note text: origin, size and base64 root, each on its line. */
    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** Reads a checkpoint's text (extension lines after the root are allowed and ignored). */
    public static Checkpoint parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no checkpoint");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 4) {
            throw new IllegalArgumentException("a checkpoint is <origin>, <size> and <base64 root>, one a line");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a checkpoint's second line is its tree size in decimal: " + lines[1]);
        }
        if (!lines[1].equals(Long.toString(size))) {
            throw new IllegalArgumentException("a checkpoint's tree size has no sign and no leading zeros: " + lines[1]);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a checkpoint's third line is its root in base64: " + lines[2]);
        }
        return new Checkpoint(lines[0], size, root);
    }

    /** The checkpoint of a signed note whose signatures were checked ({@link SignedNote#open}). */
    public static Checkpoint of(SignedNote.Opened note) {
        return parse(note.text());
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && origin.equals(c.origin) && size == c.size && Arrays.equals(root, c.root);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return text();
    }
}
