package chat.crypto.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree hash of RFC 9162 section 2.1 (leaf prefix 0x00, node prefix 0x01, split at the
 * largest power of two below n), with audit paths and their verification.
 */
public final class MerkleTree {
  /** Hash length in bytes. */
  public static final int HASH_SIZE_BYTES = 32;

  /**
   * Each level's hashes back to back, leaves first: a hash at index {@code i} of a level starts at
   * byte {@code i * 32}. One array per level, not one per hash, so that writing an audit path reads
   * consecutive memory instead of following a reference per hash.
   */
  private final byte[][] levels;

  private final int size;

  /**
   * Every leaf below this index has a sibling at every level, so its audit path has one hash per
   * level above the leaves; only the last few leaves of a tree whose size is not a power of two
   * have shorter ones.
   */
  private final int fullPathsBelow;

  /** Builds the tree over already-hashed leaves; computes every level once. */
  public MerkleTree(List<byte[]> leafHashes) {
    this(flatten(leafHashes), leafHashes.size());
  }

  /**
   * Builds the tree over {@code SHA-256(0x00 || d)} for each {@code d} of {@code data}, of which
   * only the first {@code lengths[i]} bytes of {@code data[i]} count: the rest of an array may be
   * room for something else, such as the leaf's audit path.
   */
  public static MerkleTree overData(byte[][] data, int[] lengths) {
    if (lengths.length != data.length) {
      throw new IllegalArgumentException("one length per leaf");
    }
    byte[] leaves = new byte[data.length * HASH_SIZE_BYTES];
    MessageDigest digest = Hashes.sha256();
    for (int i = 0; i < data.length; i++) {
      leafInto(digest, data[i], 0, lengths[i], leaves, i);
    }
    return new MerkleTree(leaves, data.length);
  }

  /**
   * Builds the tree over leaves that lie back to back in {@code data}, each hashed where it lies:
   * leaf {@code i} is {@code SHA-256(0x00 || data[bounds[i], bounds[i + 1]))}, so {@code bounds}
   * has one more element than the tree has leaves.
   */
  public static MerkleTree overSlices(byte[] data, int[] bounds) {
    int size = bounds.length - 1;
    byte[] leaves = new byte[Math.max(size, 0) * HASH_SIZE_BYTES];
    MessageDigest digest = Hashes.sha256();
    for (int i = 0; i < size; i++) {
      leafInto(digest, data, bounds[i], bounds[i + 1] - bounds[i], leaves, i);
    }
    return new MerkleTree(leaves, size);
  }

  /** Hashes leaf {@code data[from, from + length)} into hash {@code index} of {@code leaves}. */
  private static void leafInto(
      MessageDigest digest, byte[] data, int from, int length, byte[] leaves, int index) {
    digest.update((byte) 0x00);
    digest.update(data, from, length);
    digestInto(digest, leaves, index);
  }

  private static byte[] flatten(List<byte[]> leafHashes) {
    byte[] level = new byte[leafHashes.size() * HASH_SIZE_BYTES];
    for (int i = 0; i < leafHashes.size(); i++) {
      byte[] leaf = leafHashes.get(i);
      if (leaf.length != HASH_SIZE_BYTES) {
        throw new IllegalArgumentException("a leaf hash is 32 bytes");
      }
      System.arraycopy(leaf, 0, level, i * HASH_SIZE_BYTES, HASH_SIZE_BYTES);
    }
    return level;
  }

  private MerkleTree(byte[] leaves, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
    }
    this.size = size;
    List<byte[]> built = new ArrayList<>();
    byte[] level = leaves;
    built.add(level);
    MessageDigest digest = Hashes.sha256();
    byte[] node = new byte[1 + 2 * HASH_SIZE_BYTES];
    node[0] = 0x01;
    int below = size;
    for (int width = size, depth = 0; width > 1; width = (width + 1) / 2, depth++) {
      byte[] next = new byte[(width + 1) / 2 * HASH_SIZE_BYTES];
      for (int i = 0; i < width / 2; i++) {
        System.arraycopy(level, 2 * i * HASH_SIZE_BYTES, node, 1, 2 * HASH_SIZE_BYTES);
        digest.update(node);
        digestInto(digest, next, i);
      }
      if (width % 2 == 1) {
        System.arraycopy(
            level,
            (width - 1) * HASH_SIZE_BYTES,
            next,
            next.length - HASH_SIZE_BYTES,
            HASH_SIZE_BYTES);
        // The promoted node has no sibling here, nor does any leaf under it.
        below = Math.min(below, (width - 1) << depth);
      }
      built.add(next);
      level = next;
    }
    levels = built.toArray(new byte[0][]);
    fullPathsBelow = below;
  }

  /** Finishes {@code digest} into hash {@code index} of {@code level}; the digest is reset. */
  private static void digestInto(MessageDigest digest, byte[] level, int index) {
    try {
      digest.digest(level, index * HASH_SIZE_BYTES, HASH_SIZE_BYTES);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 did not fit its own length", e);
    }
  }

  /** {@code SHA-256(0x00 || data)}. */
  public static byte[] leafHash(byte[] data) {
    return leafHash(Hashes.sha256(), data);
  }

  /** {@code SHA-256(0x00 || data)} with {@code digest}, which is left reset. */
  public static byte[] leafHash(MessageDigest digest, byte[] data) {
    digest.update((byte) 0x00);
    digest.update(data);
    return digest.digest();
  }

  private static byte[] node(MessageDigest digest, byte[] left, byte[] right) {
    digest.update((byte) 0x01);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** The root hash. */
  public byte[] root() {
    return levels[levels.length - 1].clone();
  }

  /**
   * The audit path of leaf {@code index}, nearest sibling first. Promoting the last node of an odd
   * level unchanged, as done here, yields exactly the RFC 9162 tree and paths.
   */
  public List<byte[]> auditPath(int index) {
    byte[] hashes = new byte[auditPathSize(index) * HASH_SIZE_BYTES];
    int count = writeAuditPath(index, hashes, 0);
    List<byte[]> path = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      path.add(Arrays.copyOfRange(hashes, i * HASH_SIZE_BYTES, (i + 1) * HASH_SIZE_BYTES));
    }
    return path;
  }

  /**
   * Writes the audit path of leaf {@code index} ({@link #auditPath}'s hashes, in order) into {@code
   * out} at {@code offset}: each hash copied once, straight from its level, with no array of its
   * own.
   *
   * @return the number of hashes written
   */
  public int writeAuditPath(int index, byte[] out, int offset) {
    requireLeaf(index);
    int count = 0;
    int position = index;
    for (int depth = 0; depth < levels.length - 1; depth++) {
      byte[] level = levels[depth];
      int sibling = position ^ 1;
      if (sibling < level.length / HASH_SIZE_BYTES) {
        System.arraycopy(
            level,
            sibling * HASH_SIZE_BYTES,
            out,
            offset + count * HASH_SIZE_BYTES,
            HASH_SIZE_BYTES);
        count++;
      }
      position >>= 1;
    }
    return count;
  }

  /**
   * The number of hashes in the audit path of leaf {@code index}: computed from the index and the
   * tree's size alone (each level is half the one below, rounded up), without touching the tree.
   */
  public int auditPathSize(int index) {
    requireLeaf(index);
    if (index < fullPathsBelow) {
      return levels.length - 1;
    }
    return auditPathSize(size, index);
  }

  /**
   * The number of hashes in the audit path of leaf {@code index} of a tree of {@code size} leaves,
   * before the tree is built.
   */
  public static int auditPathSize(int size, int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("leaf index");
    }
    int count = 0;
    for (int position = index, width = size; width > 1; position >>= 1, width = (width + 1) / 2) {
      if ((position ^ 1) < width) {
        count++;
      }
    }
    return count;
  }

  private void requireLeaf(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("leaf index");
    }
  }

  /**
   * Recomputes the root from a leaf hash and its audit path (RFC 9162 section 2.1.3.2). Returns
   * null if the path has the wrong length for this index and tree size.
   */
  public static byte[] rootFromPath(byte[] leafHash, int index, int treeSize, List<byte[]> path) {
    if (index < 0 || index >= treeSize) {
      return null;
    }
    long fn = index;
    long sn = treeSize - 1L;
    byte[] r = leafHash;
    MessageDigest digest = Hashes.sha256();
    for (byte[] p : path) {
      if (sn == 0 || p.length != HASH_SIZE_BYTES) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(digest, p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = node(digest, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }
}
