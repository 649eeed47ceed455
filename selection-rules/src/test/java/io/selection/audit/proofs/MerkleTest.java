package io.selection.audit.proofs;

import io.selection.audit.format.Hex;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerkleTest {

    /**
     * The RFC 6962 reference vectors shared by Certificate Transparency implementations, from
     * transparency-dev/merkle (testonly/constants.go, testonly/reference_test.go, proof/verify_test.go).
     */
    @Nested
    class ReferenceVectors {

        private static final List<byte[]> ENTRIES = hexes("", "00", "10", "2021", "3031", "40414243",
                "5051525354555657", "606162636465666768696a6b6c6d6e6f");

        private static final List<byte[]> ROOTS = hexes(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

        private static final List<byte[]> LEAF_HASHES = hexes(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

        private static final String H01 = "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
        private static final String H23 = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
        private static final String H45 = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";
        private static final String H67 = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
        private static final String H0123 = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
        private static final String H4567 = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";

        private final List<byte[]> leafHashes = ENTRIES.stream().map(Merkle::leafHash).toList();

        @Test
        void leaf_hashes_of_the_reference_entries_match() {
            assertThat(leafHashes).usingElementComparator(MerkleTest::compareBytes).isEqualTo(LEAF_HASHES);
        }

        @Test
        void root_of_eight_reference_leaves_matches_rfc_vectors() {
            assertThat(Hex.of(Merkle.root(leafHashes)))
                    .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        }

        @Test
        void roots_of_every_prefix_match_including_the_empty_tree() {
            Merkle.Builder builder = new Merkle.Builder();
            for (int size = 0; size <= 8; size++) {
                assertThat(Hex.of(Merkle.root(leafHashes.subList(0, size)))).isEqualTo(Hex.of(ROOTS.get(size)));
                assertThat(Hex.of(builder.root())).isEqualTo(Hex.of(ROOTS.get(size)));
                if (size < 8) {
                    builder.append(leafHashes.get(size));
                }
            }
            assertThat(Merkle.emptyRoot()).isEqualTo(ROOTS.get(0));
        }

        @Test
        void interior_nodes_match() {
            assertThat(Hex.of(Merkle.nodeHash(leafHashes.get(0), leafHashes.get(1)))).isEqualTo(H01);
            assertThat(Hex.of(Merkle.nodeHash(leafHashes.get(2), leafHashes.get(3)))).isEqualTo(H23);
            assertThat(Hex.of(Merkle.nodeHash(leafHashes.get(4), leafHashes.get(5)))).isEqualTo(H45);
            assertThat(Hex.of(Merkle.nodeHash(leafHashes.get(6), leafHashes.get(7)))).isEqualTo(H67);
            assertThat(Hex.of(Merkle.nodeHash(Hex.parse(H01), Hex.parse(H23)))).isEqualTo(H0123);
            assertThat(Hex.of(Merkle.nodeHash(Hex.parse(H45), Hex.parse(H67)))).isEqualTo(H4567);
        }

        @Test
        void inclusion_proofs_match_and_lead_to_the_published_roots() {
            record Vector(int index, int size, List<String> proof) {
            }
            String h0 = Hex.of(LEAF_HASHES.get(0));
            String h1 = Hex.of(LEAF_HASHES.get(1));
            String h4 = Hex.of(LEAF_HASHES.get(4));
            List<Vector> vectors = List.of(
                    new Vector(0, 1, List.of()),
                    new Vector(0, 2, List.of(h1)),
                    new Vector(1, 2, List.of(h0)),
                    new Vector(2, 3, List.of(H01)),
                    new Vector(1, 5, List.of(h0, H23, h4)),
                    new Vector(0, 8, List.of(h1, H23, H4567)),
                    new Vector(5, 8, List.of(h4, H67, H0123)));

            for (Vector v : vectors) {
                List<byte[]> proof = Merkle.inclusionProof(leafHashes.subList(0, v.size()), v.index());
                assertThat(proof.stream().map(Hex::of).toList()).as("PATH(%d, D[%d])", v.index(), v.size())
                        .isEqualTo(v.proof());
                byte[] root = Merkle.rootFromInclusionProof(v.index(), v.size(), leafHashes.get(v.index()),
                        hexes(v.proof().toArray(String[]::new)));
                assertThat(root).isEqualTo(ROOTS.get(v.size()));
            }
        }

        @Test
        void consistency_proofs_match_and_verify_against_the_published_roots() {
            record Vector(int m, int n, List<String> proof) {
            }
            String h1 = Hex.of(LEAF_HASHES.get(1));
            String h4 = Hex.of(LEAF_HASHES.get(4));
            String h6 = Hex.of(LEAF_HASHES.get(6));
            List<Vector> vectors = List.of(
                    new Vector(1, 1, List.of()),
                    new Vector(1, 8, List.of(h1, H23, H4567)),
                    new Vector(6, 8, List.of(H45, H67, H0123)),
                    new Vector(2, 5, List.of(H23, h4)),
                    new Vector(6, 7, List.of(H45, h6, H0123)));

            for (Vector v : vectors) {
                List<byte[]> proof = Merkle.consistencyProof(leafHashes.subList(0, v.n()), v.m());
                assertThat(proof.stream().map(Hex::of).toList()).as("PROOF(%d, D[%d])", v.m(), v.n())
                        .isEqualTo(v.proof());
                assertThat(Merkle.verifyConsistency(v.m(), v.n(), ROOTS.get(v.m()), ROOTS.get(v.n()), proof))
                        .isTrue();
                assertThat(Merkle.verifyConsistency(v.m(), v.n(), ROOTS.get(v.n()), ROOTS.get(v.m()), proof))
                        .as("swapped roots").isEqualTo(v.m() == v.n());
            }
        }
    }

    @Nested
    class Inclusion {

        @Test
        void every_proof_for_every_index_and_size_up_to_70_verifies_to_the_root() {
            List<byte[]> leaves = randomLeafHashes(new Random(9162), 70);
            for (int size = 1; size <= 70; size++) {
                List<byte[]> tree = leaves.subList(0, size);
                byte[] root = Merkle.root(tree);
                for (int index = 0; index < size; index++) {
                    List<byte[]> proof = Merkle.inclusionProof(tree, index);
                    assertThat(proof).usingElementComparator(MerkleTest::compareBytes)
                            .isEqualTo(Reference.path(tree, index));
                    assertThat(Merkle.rootFromInclusionProof(index, size, tree.get(index), proof)).isEqualTo(root);
                }
            }
        }

        @Test
        void a_proof_with_any_one_bit_flipped_leads_elsewhere() {
            Random random = new Random(1);
            List<byte[]> leaves = randomLeafHashes(random, 70);
            for (int size = 1; size <= 70; size++) {
                List<byte[]> tree = leaves.subList(0, size);
                byte[] root = Merkle.root(tree);
                for (int index = 0; index < size; index++) {
                    List<byte[]> proof = Merkle.inclusionProof(tree, index);
                    for (int i = 0; i < proof.size(); i++) {
                        List<byte[]> corrupted = new ArrayList<>(proof);
                        corrupted.set(i, flipRandomBit(random, proof.get(i)));
                        assertThat(Merkle.rootFromInclusionProof(index, size, tree.get(index), corrupted))
                                .isNotEqualTo(root);
                    }
                    byte[] otherLeaf = flipRandomBit(random, tree.get(index));
                    assertThat(Merkle.rootFromInclusionProof(index, size, otherLeaf, proof)).isNotEqualTo(root);
                }
            }
        }

        @Test
        void a_proof_does_not_hold_for_another_index_of_the_same_length() {
            List<byte[]> tree = randomLeafHashes(new Random(2), 37);
            byte[] root = Merkle.root(tree);
            for (int index = 0; index < tree.size(); index++) {
                List<byte[]> proof = Merkle.inclusionProof(tree, index);
                for (int other = 0; other < tree.size(); other++) {
                    if (other != index && Merkle.inclusionProof(tree, other).size() == proof.size()) {
                        assertThat(Merkle.rootFromInclusionProof(other, tree.size(), tree.get(index), proof))
                                .isNotEqualTo(root);
                    }
                }
            }
        }

        @Test
        void a_proof_of_the_wrong_length_is_refused() {
            List<byte[]> tree = randomLeafHashes(new Random(3), 70);
            for (int size = 1; size <= 70; size++) {
                for (int index = 0; index < size; index++) {
                    List<byte[]> proof = Merkle.inclusionProof(tree.subList(0, size), index);
                    long i = index;
                    long n = size;
                    byte[] leaf = tree.get(index);
                    List<byte[]> longer = new ArrayList<>(proof);
                    longer.add(leaf);
                    assertThatThrownBy(() -> Merkle.rootFromInclusionProof(i, n, leaf, longer))
                            .isInstanceOf(IllegalArgumentException.class);
                    if (!proof.isEmpty()) {
                        List<byte[]> shorter = proof.subList(0, proof.size() - 1);
                        assertThatThrownBy(() -> Merkle.rootFromInclusionProof(i, n, leaf, shorter))
                                .isInstanceOf(IllegalArgumentException.class);
                    }
                }
            }
        }

        @Test
        void an_index_outside_the_tree_is_refused() {
            List<byte[]> tree = randomLeafHashes(new Random(4), 5);
            byte[] leaf = tree.get(0);
            assertThatThrownBy(() -> Merkle.rootFromInclusionProof(5, 5, leaf, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.rootFromInclusionProof(0, 0, leaf, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.rootFromInclusionProof(-1, 5, leaf, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.inclusionProof(tree, 5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.inclusionProof(tree, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.inclusionProof(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void works_for_indices_beyond_the_int_range() {
            long size = (1L << 40) + 3;
            long index = size - 1;
            List<byte[]> proof = randomLeafHashes(new Random(5), 2);
            byte[] leaf = Merkle.leafHash(new byte[] {1});
            byte[] expected = Merkle.nodeHash(proof.get(1), Merkle.nodeHash(proof.get(0), leaf));
            assertThat(Merkle.rootFromInclusionProof(index, size, leaf, proof)).isEqualTo(expected);
        }
    }

    @Nested
    class Consistency {

        @Test
        void every_proof_for_all_sizes_up_to_40_verifies_and_fails_with_a_wrong_root() {
            Random random = new Random(6962);
            List<byte[]> leaves = randomLeafHashes(random, 40);
            for (int n = 1; n <= 40; n++) {
                List<byte[]> tree = leaves.subList(0, n);
                byte[] rootN = Merkle.root(tree);
                for (int m = 1; m <= n; m++) {
                    byte[] rootM = Merkle.root(tree.subList(0, m));
                    List<byte[]> proof = Merkle.consistencyProof(tree, m);
                    assertThat(proof).usingElementComparator(MerkleTest::compareBytes)
                            .isEqualTo(Reference.proof(tree, m));
                    assertThat(Merkle.verifyConsistency(m, n, rootM, rootN, proof)).isTrue();
                    assertThat(Merkle.verifyConsistency(m, n, flipRandomBit(random, rootM), rootN, proof)).isFalse();
                    assertThat(Merkle.verifyConsistency(m, n, rootM, flipRandomBit(random, rootN), proof)).isFalse();
                }
            }
        }

        @Test
        void a_tampered_proof_fails() {
            Random random = new Random(7);
            List<byte[]> leaves = randomLeafHashes(random, 40);
            for (int n = 2; n <= 40; n++) {
                List<byte[]> tree = leaves.subList(0, n);
                byte[] rootN = Merkle.root(tree);
                for (int m = 1; m < n; m++) {
                    byte[] rootM = Merkle.root(tree.subList(0, m));
                    List<byte[]> proof = Merkle.consistencyProof(tree, m);
                    for (int i = 0; i < proof.size(); i++) {
                        List<byte[]> flipped = new ArrayList<>(proof);
                        flipped.set(i, flipRandomBit(random, proof.get(i)));
                        assertThat(Merkle.verifyConsistency(m, n, rootM, rootN, flipped)).isFalse();
                    }
                    List<byte[]> extended = new ArrayList<>(proof);
                    extended.add(rootN);
                    List<byte[]> prefixed = new ArrayList<>(proof);
                    prefixed.add(0, rootM);
                    assertThat(Merkle.verifyConsistency(m, n, rootM, rootN, extended)).isFalse();
                    assertThat(Merkle.verifyConsistency(m, n, rootM, rootN, prefixed)).isFalse();
                    assertThat(Merkle.verifyConsistency(m, n, rootM, rootN, proof.subList(0, proof.size() - 1)))
                            .isFalse();
                    assertThat(Merkle.verifyConsistency(m, n, rootM, rootN, List.of())).isFalse();
                    if (m + 1 < n) {
                        assertThat(Merkle.verifyConsistency(m + 1, n, rootM, rootN, proof)).isFalse();
                    }
                    // Not n ± 1: a tree whose last leaf hash is the hash of two of these leaves has the same
                    // root, and leaf hashes are opaque here, so such a proof is honest.
                    assertThat(Merkle.verifyConsistency(m, 2L * n, rootM, rootN, proof)).isFalse();
                }
            }
        }

        @Test
        void equal_sizes_need_an_empty_proof_and_equal_roots() {
            List<byte[]> tree = randomLeafHashes(new Random(8), 6);
            byte[] root = Merkle.root(tree);
            assertThat(Merkle.consistencyProof(tree, 6)).isEmpty();
            assertThat(Merkle.verifyConsistency(6, 6, root, root.clone(), List.of())).isTrue();
            assertThat(Merkle.verifyConsistency(6, 6, root, Merkle.emptyRoot(), List.of())).isFalse();
            assertThat(Merkle.verifyConsistency(6, 6, root, root, List.of(root))).isFalse();
        }

        @Test
        void sizes_that_are_not_0_lt_m_le_n_are_refused() {
            List<byte[]> tree = randomLeafHashes(new Random(9), 6);
            byte[] root = Merkle.root(tree);
            assertThatThrownBy(() -> Merkle.consistencyProof(tree, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.consistencyProof(tree, 7)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.verifyConsistency(0, 6, Merkle.emptyRoot(), root, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.verifyConsistency(7, 6, root, root, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Building {

        @Test
        void builder_root_equals_root_at_every_size() {
            List<byte[]> leaves = randomLeafHashes(new Random(10), 300);
            Merkle.Builder builder = new Merkle.Builder();
            assertThat(builder.root()).isEqualTo(Merkle.emptyRoot());
            for (int size = 1; size <= leaves.size(); size++) {
                builder.append(leaves.get(size - 1));
                assertThat(builder.size()).isEqualTo(size);
                assertThat(builder.root()).isEqualTo(Merkle.root(leaves.subList(0, size)))
                        .isEqualTo(Reference.mth(leaves.subList(0, size)));
            }
        }

        @Test
        void asking_for_the_root_does_not_disturb_later_appends() {
            List<byte[]> leaves = randomLeafHashes(new Random(11), 1000);
            Merkle.Builder watched = new Merkle.Builder();
            Merkle.Builder unwatched = new Merkle.Builder();
            for (byte[] leaf : leaves) {
                watched.append(leaf);
                watched.root();
                unwatched.append(leaf);
            }
            assertThat(watched.root()).isEqualTo(unwatched.root()).isEqualTo(Merkle.root(leaves));
        }

        @Test
        void keeps_no_reference_to_the_callers_arrays() {
            byte[] leaf = Merkle.leafHash(new byte[] {42});
            byte[] expected = leaf.clone();
            Merkle.Builder builder = new Merkle.Builder().append(leaf);
            leaf[0] ^= 1;
            builder.root()[0] ^= 1;
            assertThat(builder.root()).isEqualTo(expected);
        }

        @Test
        void accepts_an_interior_hash_in_place_of_a_leaf_hash() {
            List<byte[]> leaves = randomLeafHashes(new Random(12), 12);
            byte[] leftEight = Merkle.root(leaves.subList(0, 8));
            byte[] rightFour = Merkle.root(leaves.subList(8, 12));
            assertThat(Merkle.root(List.of(leftEight, rightFour))).isEqualTo(Merkle.root(leaves));
            List<byte[]> grafted = new ArrayList<>(leaves.subList(0, 8));
            grafted.add(rightFour);
            assertThat(Merkle.root(grafted)).isEqualTo(Merkle.root(leaves));
        }

        @Test
        void a_large_tree_matches_the_naive_recursion() {
            List<byte[]> leaves = randomLeafHashes(new Random(13), 100_003);
            byte[] root = Merkle.root(leaves);
            assertThat(root).isEqualTo(Reference.mth(leaves));
            int index = 77_777;
            List<byte[]> proof = Merkle.inclusionProof(leaves, index);
            assertThat(proof).hasSize(17);
            assertThat(Merkle.rootFromInclusionProof(index, leaves.size(), leaves.get(index), proof)).isEqualTo(root);
            List<byte[]> consistency = Merkle.consistencyProof(leaves, 65_537);
            assertThat(Merkle.verifyConsistency(65_537, leaves.size(), Merkle.root(leaves.subList(0, 65_537)), root,
                    consistency)).isTrue();
        }
    }

    /** The definitions of RFC 9162 §2.1, transcribed as directly as possible, to check against. */
    private static final class Reference {

        static byte[] mth(List<byte[]> d) {
            int n = d.size();
            if (n == 0) {
                return Sha256.of();
            }
            if (n == 1) {
                return d.get(0);
            }
            int k = k(n);
            return Sha256.of(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, n)));
        }

        static List<byte[]> path(List<byte[]> d, int m) {
            int n = d.size();
            if (n == 1) {
                return List.of();
            }
            int k = k(n);
            List<byte[]> path = new ArrayList<>();
            if (m < k) {
                path.addAll(path(d.subList(0, k), m));
                path.add(mth(d.subList(k, n)));
            } else {
                path.addAll(path(d.subList(k, n), m - k));
                path.add(mth(d.subList(0, k)));
            }
            return path;
        }

        static List<byte[]> proof(List<byte[]> d, int m) {
            return subproof(m, d, true);
        }

        private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
            int n = d.size();
            if (m == n) {
                return b ? List.of() : List.of(mth(d));
            }
            int k = k(n);
            List<byte[]> proof = new ArrayList<>();
            if (m <= k) {
                proof.addAll(subproof(m, d.subList(0, k), b));
                proof.add(mth(d.subList(k, n)));
            } else {
                proof.addAll(subproof(m - k, d.subList(k, n), false));
                proof.add(mth(d.subList(0, k)));
            }
            return proof;
        }

        private static int k(int n) {
            int k = 1;
            while (k << 1 < n) {
                k <<= 1;
            }
            return k;
        }
    }

    private static List<byte[]> randomLeafHashes(Random random, int count) {
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] entry = new byte[random.nextInt(40)];
            random.nextBytes(entry);
            leaves.add(Merkle.leafHash(entry));
        }
        return leaves;
    }

    private static byte[] flipRandomBit(Random random, byte[] hash) {
        byte[] flipped = hash.clone();
        flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        return flipped;
    }

    private static int compareBytes(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }

    private static List<byte[]> hexes(String... hexes) {
        return Stream.of(hexes).map(Hex::parse).toList();
    }
}
