package chat.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link MerkleTree} against a straightforward recursive RFC 9162 implementation written here
 * (MTH and PATH of section 2.1, split at the largest power of two below n), for every tree size
 * from 1 to 40 and every leaf.
 */
class MerkleTreeTest {
  private static final int MAX_SIZE = 40;
  private static final HexFormat HEX = HexFormat.of();

  // ---- Reference implementation (RFC 9162, section 2.1) ----

  private static byte[] sha256(byte prefix, byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(prefix);
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** MTH(D[n]) over leaf hashes. */
  private static byte[] referenceRoot(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 1) {
      return leafHashes.get(0);
    }
    int k = largestPowerOfTwoBelow(n);
    return sha256(
        (byte) 0x01,
        referenceRoot(leafHashes.subList(0, k)),
        referenceRoot(leafHashes.subList(k, n)));
  }

  /** PATH(m, D[n]) over leaf hashes, nearest sibling first. */
  private static List<byte[]> referencePath(int m, List<byte[]> leafHashes) {
    int n = leafHashes.size();
    List<byte[]> path = new ArrayList<>();
    if (n == 1) {
      return path;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path.addAll(referencePath(m, leafHashes.subList(0, k)));
      path.add(referenceRoot(leafHashes.subList(k, n)));
    } else {
      path.addAll(referencePath(m - k, leafHashes.subList(k, n)));
      path.add(referenceRoot(leafHashes.subList(0, k)));
    }
    return path;
  }

  private static List<byte[]> leafHashes(int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(MerkleTree.leafHash(("leaf " + i).getBytes(StandardCharsets.US_ASCII)));
    }
    return leaves;
  }

  private static int ceilLog2(int n) {
    return 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  private static boolean equal(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  // ---- Tests ----

  @Test
  void leafHash_always_isSha256OfZeroAndData() {
    byte[] data = {1, 2, 3};

    assertThat(MerkleTree.leafHash(data)).isEqualTo(sha256((byte) 0x00, data));
  }

  @Test
  void root_certificateTransparencyLeaves_matchesKnownRoots() {
    String[] data = {
      "",
      "00",
      "10",
      "2021",
      "3031",
      "40414243",
      "5051525354555657",
      "606162636465666768696a6b6c6d6e6f"
    };
    String[] roots = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    };
    List<byte[]> leaves = new ArrayList<>();
    for (int n = 1; n <= data.length; n++) {
      leaves.add(MerkleTree.leafHash(HEX.parseHex(data[n - 1])));

      assertThat(HEX.formatHex(new MerkleTree(leaves).root()))
          .as("size %d", n)
          .isEqualTo(roots[n - 1]);
    }
  }

  @Test
  void root_everySizeUpTo40_equalsReferenceMth() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leafHashes(n);

      assertThat(new MerkleTree(leaves).root()).as("size %d", n).isEqualTo(referenceRoot(leaves));
    }
  }

  @Test
  void auditPath_everyLeafOfEverySize_equalsReferencePathAndRecoversRoot() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leafHashes(n);
      MerkleTree tree = new MerkleTree(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> path = tree.auditPath(i);

        assertThat(equal(path, referencePath(i, leaves))).as("size %d leaf %d", n, i).isTrue();
        assertThat(path.size()).as("size %d leaf %d", n, i).isLessThanOrEqualTo(ceilLog2(n));
        assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, path))
            .as("size %d leaf %d", n, i)
            .isEqualTo(tree.root());
      }
    }
  }

  /** True if {@code root} is null or differs from {@code expected}. */
  private static boolean refused(byte[] root, byte[] expected) {
    return root == null || !Arrays.equals(root, expected);
  }

  @Test
  void rootFromPath_wrongIndex_doesNotGiveRoot() {
    List<String> failures = new ArrayList<>();
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leafHashes(n);
      MerkleTree tree = new MerkleTree(leaves);
      byte[] root = tree.root();
      for (int i = 0; i < n; i++) {
        List<byte[]> path = tree.auditPath(i);
        for (int wrong = -1; wrong <= n; wrong++) {
          if (wrong != i
              && !refused(MerkleTree.rootFromPath(leaves.get(i), wrong, n, path), root)) {
            failures.add("size " + n + " leaf " + i + " claimed index " + wrong);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /**
   * A path checked against a wrong size gives null or a root that is not the root of a tree of that
   * size. It may equal the original root: for a leaf in the left part, sizes with the same shape
   * along its path give the same computation (e.g. leaf 0 of 5 checked as leaf 0 of 6), which is
   * why the size must be authenticated next to the root.
   */
  @Test
  void rootFromPath_wrongSize_doesNotGiveRootOfThatSize() {
    List<byte[]> allLeaves = leafHashes(MAX_SIZE + 1);
    byte[][] rootOfSize = new byte[MAX_SIZE + 2][];
    for (int size = 1; size <= MAX_SIZE + 1; size++) {
      rootOfSize[size] = referenceRoot(allLeaves.subList(0, size));
    }
    List<String> failures = new ArrayList<>();
    for (int n = 1; n <= MAX_SIZE; n++) {
      MerkleTree tree = new MerkleTree(allLeaves.subList(0, n));
      for (int i = 0; i < n; i++) {
        List<byte[]> path = tree.auditPath(i);
        for (int wrong = 1; wrong <= MAX_SIZE + 1; wrong++) {
          byte[] root = MerkleTree.rootFromPath(allLeaves.get(i), i, wrong, path);
          if (wrong != n && !refused(root, rootOfSize[wrong])) {
            failures.add("size " + n + " leaf " + i + " claimed size " + wrong);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void rootFromPath_leftLeafCheckedAsLargerTree_givesOriginalRoot() {
    List<byte[]> leaves = leafHashes(6);
    MerkleTree five = new MerkleTree(leaves.subList(0, 5));

    // RFC 9162 behaviour, not a bug: only an authenticated size makes the proof unambiguous.
    assertThat(MerkleTree.rootFromPath(leaves.get(0), 0, 6, five.auditPath(0)))
        .isEqualTo(five.root())
        .isNotEqualTo(new MerkleTree(leaves).root());
  }

  @Test
  void rootFromPath_alteredPathElement_doesNotGiveRoot() {
    for (int n = 2; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leafHashes(n);
      MerkleTree tree = new MerkleTree(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> path = tree.auditPath(i);
        for (int element = 0; element < path.size(); element++) {
          List<byte[]> altered = new ArrayList<>(path);
          byte[] hash = altered.get(element).clone();
          hash[element % hash.length] ^= 1;
          altered.set(element, hash);

          assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, altered))
              .as("size %d leaf %d element %d", n, i, element)
              .isNotEqualTo(tree.root());
        }
      }
    }
  }

  @Test
  void rootFromPath_otherLeaf_doesNotGiveRoot() {
    List<byte[]> leaves = leafHashes(7);
    MerkleTree tree = new MerkleTree(leaves);

    assertThat(MerkleTree.rootFromPath(leaves.get(4), 3, 7, tree.auditPath(3)))
        .isNotEqualTo(tree.root());
  }

  @Test
  void rootFromPath_extraOrMissingElement_returnsNull() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> leaves = leafHashes(n);
      MerkleTree tree = new MerkleTree(leaves);
      for (int i = 0; i < n; i++) {
        List<byte[]> path = tree.auditPath(i);
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(new byte[MerkleTree.HASH_SIZE_BYTES]);
        List<byte[]> prepended = new ArrayList<>(path);
        prepended.add(0, new byte[MerkleTree.HASH_SIZE_BYTES]);

        assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, longer))
            .as("size %d leaf %d appended", n, i)
            .isNull();
        assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, prepended))
            .as("size %d leaf %d prepended", n, i)
            .isNull();
        if (!path.isEmpty()) {
          assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, path.subList(1, path.size())))
              .as("size %d leaf %d first removed", n, i)
              .isNull();
          assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, path.subList(0, path.size() - 1)))
              .as("size %d leaf %d last removed", n, i)
              .isNull();
        }
      }
    }
  }

  @Test
  void rootFromPath_elementNot32Bytes_returnsNull() {
    List<byte[]> leaves = leafHashes(4);
    List<byte[]> path = new ArrayList<>(new MerkleTree(leaves).auditPath(1));
    path.set(1, Arrays.copyOf(path.get(1), 31));

    assertThat(MerkleTree.rootFromPath(leaves.get(1), 1, 4, path)).isNull();
  }

  @Test
  void rootFromPath_indexOutsideTree_returnsNull() {
    List<byte[]> leaves = leafHashes(4);
    List<byte[]> path = new MerkleTree(leaves).auditPath(3);

    assertThat(MerkleTree.rootFromPath(leaves.get(3), -1, 4, path)).isNull();
    assertThat(MerkleTree.rootFromPath(leaves.get(3), 4, 4, path)).isNull();
    assertThat(MerkleTree.rootFromPath(leaves.get(3), 0, 0, path)).isNull();
  }

  @Test
  void auditPath_indexOutsideTree_throws() {
    MerkleTree tree = new MerkleTree(leafHashes(3));

    assertThatThrownBy(() -> tree.auditPath(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> tree.auditPath(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void constructor_noLeaves_throwsIllegalArgument() {
    assertThatThrownBy(() -> new MerkleTree(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overData_equalsTheTreeOverEachLeafHash() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      byte[][] data = new byte[n][];
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        data[i] = ("entry " + i + " of " + n).getBytes(StandardCharsets.UTF_8);
        leaves.add(MerkleTree.leafHash(data[i]));
      }
      MerkleTree direct = MerkleTree.overData(data, lengthsOf(data));
      MerkleTree reference = new MerkleTree(leaves);

      assertThat(direct.root()).as("size %d", n).isEqualTo(reference.root());
      for (int i = 0; i < n; i++) {
        assertThat(direct.auditPath(i))
            .as("size %d leaf %d", n, i)
            .containsExactlyElementsOf(reference.auditPath(i));
      }
    }
    assertThatThrownBy(() -> MerkleTree.overData(new byte[0][], new int[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_aLeafThatIsNotAHash_throwsIllegalArgument() {
    List<byte[]> leaves = new ArrayList<>(leafHashes(3));
    leaves.set(1, new byte[31]);

    assertThatThrownBy(() -> new MerkleTree(leaves)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void root_returnedArrayChanged_treeUnchanged() {
    MerkleTree tree = new MerkleTree(leafHashes(5));
    byte[] root = tree.root();

    root[0] ^= 1;

    assertThat(tree.root()).isNotEqualTo(root);
  }

  @Test
  void writeAuditPath_everyLeafOfManySizes_sameHashesAsAuditPath() {
    for (int n = 1; n <= 70; n++) {
      MerkleTree tree = new MerkleTree(leafHashes(n));
      for (int i = 0; i < n; i++) {
        List<byte[]> path = tree.auditPath(i);
        byte[] out = new byte[3 + path.size() * MerkleTree.HASH_SIZE_BYTES + 3];

        int written = tree.writeAuditPath(i, out, 3);

        assertThat(written).as("n=%d i=%d", n, i).isEqualTo(path.size());
        assertThat(tree.auditPathSize(i)).isEqualTo(path.size());
        byte[] expected = new byte[out.length];
        for (int k = 0; k < path.size(); k++) {
          System.arraycopy(path.get(k), 0, expected, 3 + k * MerkleTree.HASH_SIZE_BYTES, 32);
        }
        assertThat(out).as("n=%d i=%d", n, i).isEqualTo(expected);
      }
      int past = n;
      assertThatThrownBy(() -> tree.writeAuditPath(past, new byte[1024], 0))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void overData_lengths_onlyEachArraysFirstBytesHashed() {
    byte[][] data = new byte[9][];
    byte[][] padded = new byte[9][];
    int[] lengths = new int[9];
    for (int i = 0; i < data.length; i++) {
      data[i] = ("entry " + i).getBytes(StandardCharsets.UTF_8);
      padded[i] = Arrays.copyOf(data[i], data[i].length + 1 + 4 * i);
      Arrays.fill(padded[i], data[i].length, padded[i].length, (byte) (0x5a + i));
      lengths[i] = data[i].length;
    }

    MerkleTree whole = MerkleTree.overData(data, lengthsOf(data));
    MerkleTree prefixes = MerkleTree.overData(padded, lengths);

    assertThat(prefixes.root()).isEqualTo(whole.root());
    assertThat(MerkleTree.overData(padded, lengthsOf(padded)).root()).isNotEqualTo(whole.root());
    assertThatThrownBy(() -> MerkleTree.overData(padded, new int[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overSlices_leavesBackToBack_theTreeOverEachLeafAlone() {
    for (int n = 1; n <= 40; n++) {
      byte[][] data = new byte[n][];
      int[] bounds = new int[n + 1];
      StringBuilder all = new StringBuilder("before ");
      bounds[0] = all.length();
      for (int i = 0; i < n; i++) {
        String leaf = "leaf " + i + (i % 3 == 0 ? "" : " of " + n);
        data[i] = leaf.getBytes(StandardCharsets.UTF_8);
        all.append(leaf);
        bounds[i + 1] = all.length();
      }
      byte[] together = all.append(" after").toString().getBytes(StandardCharsets.UTF_8);

      MerkleTree sliced = MerkleTree.overSlices(together, bounds);

      MerkleTree alone = MerkleTree.overData(data, lengthsOf(data));
      assertThat(sliced.root()).as("size %d", n).isEqualTo(alone.root());
      for (int i = 0; i < n; i++) {
        assertThat(sliced.auditPath(i)).containsExactlyElementsOf(alone.auditPath(i));
      }
    }
    assertThatThrownBy(() -> MerkleTree.overSlices(new byte[4], new int[] {0}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.overSlices(new byte[4], new int[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int[] lengthsOf(byte[][] data) {
    int[] lengths = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      lengths[i] = data[i].length;
    }
    return lengths;
  }

  @Test
  void auditPathSize_outsideTheTree_throws() {
    assertThatThrownBy(() -> MerkleTree.auditPathSize(4, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> MerkleTree.auditPathSize(4, -1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void auditPathSize_largeTrees_countOfTheHashesTheWalkWrites() {
    for (int n : new int[] {999, 1000, 1024, 1025, 4097}) {
      MerkleTree tree = new MerkleTree(leafHashes(n));
      for (int i = 0; i < n; i++) {
        byte[] out = new byte[64 * MerkleTree.HASH_SIZE_BYTES];
        int written = tree.writeAuditPath(i, out, 0);
        assertThat(tree.auditPathSize(i)).as("n=%d i=%d", n, i).isEqualTo(written);
        assertThat(MerkleTree.auditPathSize(n, i)).as("n=%d i=%d", n, i).isEqualTo(written);
      }
    }
  }

  @Test
  void leafHash_reusedDigest_sameAsFreshOne() {
    MessageDigest digest = Hashes.sha256();
    for (int i = 0; i < 5; i++) {
      byte[] data = ("leaf " + i).getBytes(StandardCharsets.UTF_8);
      assertThat(MerkleTree.leafHash(digest, data)).isEqualTo(MerkleTree.leafHash(data));
    }
  }
}
