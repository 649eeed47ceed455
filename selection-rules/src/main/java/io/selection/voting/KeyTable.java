package io.selection.voting;

/**
 * Strings to small ints (0 and up), open addressing with linear probing, no object per entry: each
 * entry's hash and value side by side in one {@code int[]} (one cache line read per probe; a slot
 * is empty where its value, stored plus one, is 0), its key in a {@code String[]} read only when
 * the hashes match. Used to give each address or device a slot
 * once per vote group's dictionary entry (the burst rules), and each of a group's values its index
 * (a vote group's dictionaries).
 */
public final class KeyTable {

    private String[] keys;
    /** Entry i: its hash at {@code 2i}, its value plus one at {@code 2i + 1} (0: the slot is empty). */
    private int[] entries;
    private int size;

    public KeyTable() {
        this(32);
    }

    /** A table that holds about {@code expected} keys before it grows. */
    public KeyTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(32, expected) * 2 - 1) << 1;
        keys = new String[capacity];
        entries = new int[2 * capacity];
    }

    public int size() {
        return size;
    }

    /** The key's value, or -1. */
    public int get(String key) {
        int h = hash(key);
        int mask = keys.length - 1;
        for (int i = h & mask, v; (v = entries[2 * i + 1]) != 0; i = (i + 1) & mask) {
            if (entries[2 * i] == h && keys[i].equals(key)) {
                return v - 1;
            }
        }
        return -1;
    }

    /** The key's value; if it has none, {@code value} (0 or more), which it then has. One probe either way. */
    public int getOrPut(String key, int value) {
        if (value < 0 || value == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("value " + value + " out of range");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int h = hash(key);
        int mask = keys.length - 1;
        int i = h & mask;
        for (int v; (v = entries[2 * i + 1]) != 0; i = (i + 1) & mask) {
            if (entries[2 * i] == h && keys[i].equals(key)) {
                return v - 1;
            }
        }
        keys[i] = key;
        entries[2 * i] = h;
        entries[2 * i + 1] = value + 1;
        size++;
        return value;
    }

    /**
     * Reads the memory a look-up of the key will read first (its entry, the key kept there and that
     * key's characters) and returns a number made of what it read; changes nothing. A caller about
     * to look up many keys reads them ahead in a loop of its own, so that their cache misses overlap
     * (see {@code IdTable#touch}).
     */
    public long touch(String key) {
        int i = hash(key) & (keys.length - 1);
        String kept = keys[i];
        return entries[2 * i + 1] + (kept == null ? 0 : kept.length());
    }

    public void remove(String key) {
        int h = hash(key);
        int mask = keys.length - 1;
        int i = h & mask;
        while (entries[2 * i + 1] != 0 && !(entries[2 * i] == h && keys[i].equals(key))) {
            i = (i + 1) & mask;
        }
        if (entries[2 * i + 1] == 0) {
            return;
        }
        size--;
        // shift back the entries after it that would no longer be found past the hole
        int hole = i;
        for (int j = (hole + 1) & mask; entries[2 * j + 1] != 0; j = (j + 1) & mask) {
            int home = entries[2 * j] & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                entries[2 * hole] = entries[2 * j];
                entries[2 * hole + 1] = entries[2 * j + 1];
                hole = j;
            }
        }
        keys[hole] = null;
        entries[2 * hole + 1] = 0;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldEntries = entries;
        keys = new String[oldKeys.length * 2];
        entries = new int[oldEntries.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldEntries[2 * i + 1] != 0) {
                int j = oldEntries[2 * i] & mask;
                while (entries[2 * j + 1] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                entries[2 * j] = oldEntries[2 * i];
                entries[2 * j + 1] = oldEntries[2 * i + 1];
            }
        }
    }

    private static int hash(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 15);
    }
}
