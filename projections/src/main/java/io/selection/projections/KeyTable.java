package io.selection.projections;

/**
 * Strings to small ints, open addressing with linear probing: two arrays, no object per entry.
 * Used to give each address or device a slot once per vote group's dictionary entry.
 */
final class KeyTable {

    private String[] keys = new String[64];
    private int[] values = new int[64];
    private int size;

    int size() {
        return size;
    }

    /** The key's value, or -1. */
    int get(String key) {
        int mask = keys.length - 1;
        for (int i = index(key, mask); ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            if (k.equals(key)) {
                return values[i];
            }
        }
    }

    void put(String key, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = index(key, mask);
        while (keys[i] != null && !keys[i].equals(key)) {
            i = (i + 1) & mask;
        }
        if (keys[i] == null) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    void remove(String key) {
        int mask = keys.length - 1;
        int i = index(key, mask);
        while (keys[i] != null && !keys[i].equals(key)) {
            i = (i + 1) & mask;
        }
        if (keys[i] == null) {
            return;
        }
        size--;
        // shift back the entries after it that would no longer be found past the hole
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            int home = index(keys[j], mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = null;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int index(String key, int mask) {
        int h = key.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
