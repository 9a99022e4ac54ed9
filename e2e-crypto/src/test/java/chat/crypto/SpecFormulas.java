package chat.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The formulas and byte layouts of PacketDiagram.md, written again from its text with JDK
 * primitives and a plain Ed25519 verifier, for {@link SpecConformanceTest}. Offsets are the ones
 * the layout tables give.
 */
final class SpecFormulas {
  private SpecFormulas() {}

  // ---- Formulas from PacketDiagram.md ----

  static byte[] fingerprint(byte[] bundle) throws SpecReject {
    int l = bundle[1] & 0xFF;
    int r = u16(bundle, 10 + l);
    return sha256(concat(ctx("chat-e2e/v1/fingerprint"), slice(bundle, 0, 44 + l + r)));
  }

  static byte[] ed25519Key(byte[] bundle) throws SpecReject {
    int l = bundle[1] & 0xFF;
    int r = u16(bundle, 10 + l);
    return slice(bundle, 12 + l + r, 44 + l + r);
  }

  static String safetyHalf(byte[] bundle) {
    try {
      int l = bundle[1] & 0xFF;
      byte[] digest =
          sha256(
              concat(
                  ctx("chat-e2e/v1/safety-number"), slice(bundle, 1, 2 + l), fingerprint(bundle)));
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        long v = 0;
        for (int j = 0; j < 5; j++) {
          v = (v << 8) | (digest[5 * i + j] & 0xFF);
        }
        out.append(String.format(Locale.ROOT, "%05d", v % 100_000));
      }
      return out.toString();
    } catch (SpecReject e) {
      throw new AssertionError(e);
    }
  }

  static byte[] sigInput(byte[] header, byte[] commitment, byte[] root, byte[] payload) {
    return concat(ctx("chat-e2e/v1/envelope"), header, commitment, root, payload);
  }

  static int padLength(int x) {
    if (x <= 256) {
      return 256;
    }
    int e = 31 - Integer.numberOfLeadingZeros(x);
    int s = 32 - Integer.numberOfLeadingZeros(e);
    int mask = (1 << (e - s)) - 1;
    return (x + mask) & ~mask;
  }

  static byte[] leafHash(byte[] data) {
    return sha256(concat(new byte[] {0}, data));
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    return sha256(concat(new byte[] {1}, left, right));
  }

  static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** MTH(D[from:to]) of RFC 9162, recursively. */
  static byte[] mth(List<byte[]> d, int from, int to) {
    if (to - from == 1) {
      return leafHash(d.get(from));
    }
    int k = split(to - from);
    return nodeHash(mth(d, from, from + k), mth(d, from + k, to));
  }

  /** PATH(m, D[from:to]) of RFC 9162, nearest sibling first. */
  static List<byte[]> path(int m, List<byte[]> d, int from, int to) {
    List<byte[]> out = new ArrayList<>();
    if (to - from == 1) {
      return out;
    }
    int k = split(to - from);
    if (m < k) {
      out.addAll(path(m, d, from, from + k));
      out.add(mth(d, from + k, to));
    } else {
      out.addAll(path(m - k, d, from + k, to));
      out.add(mth(d, from, from + k));
    }
    return out;
  }

  /** Root from an audit path, as written in PacketDiagram.md; null on failure. */
  static byte[] rootFromPath(byte[] h, long m, long n, List<byte[]> path) {
    if (m >= n) {
      return null;
    }
    long fn = m;
    long sn = n - 1;
    byte[] r = h;
    for (byte[] p : path) {
      if (sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

  static int compareRecipients(byte[] a, byte[] b) {
    int byId =
        Arrays.compareUnsigned(slice0(a, 1, 1 + (a[0] & 0xFF)), slice0(b, 1, 1 + (b[0] & 0xFF)));
    if (byId != 0) {
      return byId;
    }
    return Arrays.compareUnsigned(
        slice0(a, 1 + (a[0] & 0xFF), 33 + (a[0] & 0xFF)),
        slice0(b, 1 + (b[0] & 0xFF), 33 + (b[0] & 0xFF)));
  }

  // ---- Primitives and byte helpers ----

  static boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) {
    org.bouncycastle.crypto.signers.Ed25519Signer verifier =
        new org.bouncycastle.crypto.signers.Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    verifier.update(message, 0, message.length);
    return signature.length == 64 && verifier.verifySignature(signature);
  }

  static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] input, byte[] aad)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(input);
  }

  static byte[] ctx(String text) {
    return concat(text.getBytes(StandardCharsets.US_ASCII), new byte[] {0});
  }

  static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Header length H = 96 + C + S of the header starting at byte 1 of a form. */
  static int headerLength(byte[] f) throws SpecReject {
    int c = u8(f, 1 + 26);
    int s = u8(f, 1 + 27 + c);
    return 96 + c + s;
  }

  static byte[] slice(byte[] data, int from, int to) throws SpecReject {
    need(from >= 0 && from <= to && to <= data.length);
    return Arrays.copyOfRange(data, from, to);
  }

  static byte[] slice0(byte[] data, int from, int to) {
    return Arrays.copyOfRange(data, from, to);
  }

  static int u8(byte[] data, int at) throws SpecReject {
    need(at >= 0 && at < data.length);
    return data[at] & 0xFF;
  }

  static int u16(byte[] data, int at) throws SpecReject {
    return (u8(data, at) << 8) | u8(data, at + 1);
  }

  static long u32(byte[] data, int at) throws SpecReject {
    return ((long) u16(data, at) << 16) | u16(data, at + 2);
  }

  static void need(boolean condition) throws SpecReject {
    if (!condition) {
      throw new SpecReject("parse");
    }
  }

  static void auth(boolean condition) throws SpecReject {
    if (!condition) {
      throw new SpecReject("auth");
    }
  }

  /** A rejection by the spec re-implementation; the message is the outcome name. */
  static final class SpecReject extends Exception {
    SpecReject(String outcome) {
      super(outcome);
    }
  }
}
