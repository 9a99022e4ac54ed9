package chat.crypto;

import static chat.crypto.SpecFormulas.auth;
import static chat.crypto.SpecFormulas.compareRecipients;
import static chat.crypto.SpecFormulas.concat;
import static chat.crypto.SpecFormulas.ctx;
import static chat.crypto.SpecFormulas.ed25519Key;
import static chat.crypto.SpecFormulas.ed25519Verify;
import static chat.crypto.SpecFormulas.fingerprint;
import static chat.crypto.SpecFormulas.gcm;
import static chat.crypto.SpecFormulas.headerLength;
import static chat.crypto.SpecFormulas.leafHash;
import static chat.crypto.SpecFormulas.mth;
import static chat.crypto.SpecFormulas.need;
import static chat.crypto.SpecFormulas.padLength;
import static chat.crypto.SpecFormulas.path;
import static chat.crypto.SpecFormulas.rootFromPath;
import static chat.crypto.SpecFormulas.safetyHalf;
import static chat.crypto.SpecFormulas.sha256;
import static chat.crypto.SpecFormulas.sigInput;
import static chat.crypto.SpecFormulas.slice;
import static chat.crypto.SpecFormulas.u16;
import static chat.crypto.SpecFormulas.u32;
import static chat.crypto.SpecFormulas.u8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.crypto.SpecFormulas.SpecReject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Re-implements the formats of PacketDiagram.md from its text alone (JDK primitives with explicit
 * parameters, plus a plain Ed25519 verifier) and checks them against what the library produces.
 * Nothing here calls the library's parsers, hashes or openers on the checked path.
 */
class SpecConformanceTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  private static IdentityKeyPair alice;
  private static List<IdentityKeyPair> others;

  @BeforeAll
  static void identities() throws Exception {
    alice = IdentityKeyPair.generate("alice", RANDOM, CLOCK);
    IdentityKeyPair bob = IdentityKeyPair.generate("bob", RANDOM, CLOCK);
    // More identities reuse the two RSA keys with new Ed25519 keys, ids or times (new
    // fingerprints).
    others =
        List.of(
            bob,
            derive("bob", 2L, bob),
            derive("carol", 3L, alice),
            derive("dave", 4L, bob),
            derive("\u00e9mile", 5L, alice),
            derive("Zed", 6L, bob));
  }

  private static IdentityKeyPair derive(String userId, long createdAt, IdentityKeyPair rsaFrom)
      throws MalformedDataException {
    return IdentityKeyPair.fromKeys(
        userId, createdAt, rsaFrom.rsaPrivateKeyPkcs8(), Ed25519Signer.newSeed(RANDOM));
  }

  private static List<IdentityBundle> otherBundles() {
    List<IdentityBundle> out = new ArrayList<>();
    for (IdentityKeyPair identity : others) {
      out.add(identity.bundle());
    }
    return out;
  }

  // ---- Tests ----

  @Test
  void openPerRecipientForm_bySpec_matchesSealedPlaintext() throws Exception {
    EnvelopeSealer sealer = new EnvelopeSealer(RANDOM, CLOCK);
    int[] lengths = {0, 1, 252, 253, 1000, 4096, 70_000};
    for (int length : lengths) {
      byte[] message = new byte[length];
      RANDOM.nextBytes(message);
      Envelope envelope = sealer.seal(alice, "room-1", otherBundles(), message);
      List<RecipientEnvelope> forms = envelope.split();
      assertEquals(1 + others.size(), forms.size());
      for (RecipientEnvelope form : forms) {
        IdentityKeyPair me = identityFor(form.entry().recipient());
        byte[] encoded = form.encode();
        byte[] opened = specOpen(encoded, me, alice.bundle().encode());
        assertArrayEquals(message, opened, "length " + length);
        int headerLength = 96 + 6 + 5;
        int payloadLength = (int) u32(encoded, 1 + headerLength + 32);
        assertEquals(12 + padLength(length + 4) + 16, payloadLength);
      }
    }
  }

  @Test
  void fullForm_bySpec_hasSetHashRootSignatureAndSameSplit() throws Exception {
    byte[] message = "hello, spec".getBytes(StandardCharsets.UTF_8);
    Envelope envelope = new EnvelopeSealer(RANDOM, CLOCK).seal(alice, "r", otherBundles(), message);
    byte[] full = envelope.encode();
    List<RecipientEnvelope> split = envelope.split();

    assertEquals('F', full[0] & 0xFF);
    int h = headerLength(full);
    byte[] header = slice(full, 1, 1 + h);
    byte[] commitment = slice(full, 1 + h, 33 + h);
    int p = (int) u32(full, 33 + h);
    byte[] payload = slice(full, 37 + h, 37 + h + p);
    int n = (int) u32(full, 37 + h + p);
    assertEquals(n, (int) u32(header, 60 + header[26] + header[27 + header[26]]));
    List<byte[]> entries = new ArrayList<>();
    int at = 41 + h + p;
    for (int i = 0; i < n; i++) {
      int u = full[at] & 0xFF;
      int w = u16(full, at + 33 + u);
      entries.add(slice(full, at, at + 35 + u + w));
      at += 35 + u + w;
    }
    byte[] signature = slice(full, at, at + 64);
    assertEquals(full.length, at + 64);

    ByteArrayOutputStream setInput = new ByteArrayOutputStream();
    setInput.writeBytes(ctx("chat-e2e/v1/recipient-set"));
    setInput.writeBytes(new byte[] {0, 0, (byte) (n >>> 8), (byte) n});
    for (int i = 0; i < n; i++) {
      byte[] entry = entries.get(i);
      int u = entry[0] & 0xFF;
      setInput.writeBytes(slice(entry, 0, 33 + u));
      if (i > 0) {
        assertTrue(compareRecipients(entries.get(i - 1), entry) < 0, "canonical order");
      }
    }
    byte[] setHash = sha256(setInput.toByteArray());
    int c = header[26] & 0xFF;
    int s = header[27 + c] & 0xFF;
    assertArrayEquals(setHash, slice(header, 64 + c + s, 96 + c + s));

    byte[] root = mth(entries, 0, n);
    assertTrue(
        ed25519Verify(
            ed25519Key(alice.bundle().encode()),
            sigInput(header, commitment, root, payload),
            signature));

    for (int m = 0; m < n; m++) {
      ByteArrayOutputStream form = new ByteArrayOutputStream();
      form.write('R');
      form.writeBytes(slice(full, 1, 41 + h + p - 4));
      form.writeBytes(new byte[] {0, 0, (byte) (m >>> 8), (byte) m});
      form.writeBytes(entries.get(m));
      List<byte[]> path = path(m, entries, 0, n);
      form.write(path.size());
      for (byte[] hash : path) {
        form.writeBytes(hash);
      }
      form.writeBytes(signature);
      assertArrayEquals(split.get(m).encode(), form.toByteArray(), "per-recipient form " + m);
      assertArrayEquals(root, rootFromPath(leafHash(entries.get(m)), m, n, path));
    }
  }

  @Test
  void tamperedForms_bySpecAndLibrary_failAtSameStage() throws Exception {
    IdentityKeyPair bob = others.get(0);
    byte[] message = "tamper target".getBytes(StandardCharsets.UTF_8);
    Envelope envelope =
        new EnvelopeSealer(RANDOM, CLOCK).seal(alice, "room", otherBundles(), message);
    int index = envelope.recipientSet().indexOf(Recipient.of(bob.bundle()));
    byte[] good = envelope.split().get(index).encode();
    int h = headerLength(good);
    int p = (int) u32(good, 33 + h);

    List<Case> cases = new ArrayList<>();
    cases.add(new Case("ok", good, bob, "ok"));
    cases.add(new Case("other recipient", good, others.get(2), "no-match"));
    cases.add(new Case("trailing byte", Arrays.copyOf(good, good.length + 1), bob, "parse"));
    cases.add(new Case("form byte", flip(good, 0, 'F' ^ 'R'), bob, "parse"));
    cases.add(new Case("version", flip(good, 1, 2), bob, "parse"));
    cases.add(new Case("timestamp", flip(good, 1 + 20, 1), bob, "auth"));
    cases.add(new Case("commitment", flip(good, 1 + h + 5, 1), bob, "auth"));
    cases.add(new Case("payload", flip(good, 37 + h + 40, 1), bob, "auth"));
    cases.add(new Case("leaf index beyond n", flip(good, 37 + h + p + 2, 0x7F), bob, "parse"));
    cases.add(new Case("audit path", flip(good, good.length - 64 - 1, 1), bob, "auth"));
    cases.add(new Case("signature", flip(good, good.length - 1, 1), bob, "auth"));

    byte[] key = specUnwrap(good, bob);
    byte[] badCommitment = slice(good, 1 + h, 33 + h);
    badCommitment[0] ^= 1;
    cases.add(new Case("signed bad commitment", resign(good, badCommitment, null), bob, "auth"));
    byte[] padded = new byte[256];
    padded[3] = 1;
    padded[200] = 7;
    byte[] nonce = slice(good, 37 + h, 49 + h);
    byte[] badPadding = gcm(Cipher.ENCRYPT_MODE, key, nonce, padded, slice(good, 1, 1 + h));
    byte[] badPayload = new byte[12 + badPadding.length];
    System.arraycopy(nonce, 0, badPayload, 0, 12);
    System.arraycopy(badPadding, 0, badPayload, 12, badPadding.length);
    cases.add(new Case("signed bad padding", resign(good, null, badPayload), bob, "parse"));

    byte[] sender = alice.bundle().encode();
    EnvelopeOpener opener = new EnvelopeOpener(RANDOM);
    for (Case c : cases) {
      String bySpec;
      try {
        specOpen(c.bytes(), c.me(), sender);
        bySpec = "ok";
      } catch (SpecReject e) {
        bySpec = e.getMessage();
      }
      String byLibrary;
      try {
        opener.open(c.me(), alice.bundle(), RecipientEnvelope.parse(c.bytes()));
        byLibrary = "ok";
      } catch (MalformedDataException e) {
        byLibrary = "parse";
      } catch (AuthenticationException e) {
        byLibrary = "auth";
      } catch (NotRecipientException e) {
        byLibrary = "no-match";
      }
      assertEquals(c.expect(), bySpec, c.name() + " (spec)");
      assertEquals(c.expect(), byLibrary, c.name() + " (library)");
    }
  }

  @Test
  void identityBundle_bySpec_layoutSignatureAndFingerprint() throws Exception {
    List<IdentityKeyPair> all = new ArrayList<>(others);
    all.add(alice);
    for (IdentityKeyPair identity : all) {
      byte[] bundle = identity.bundle().encode();
      assertEquals(1, bundle[0]);
      int l = bundle[1] & 0xFF;
      int r = u16(bundle, 10 + l);
      assertEquals(108 + l + r, bundle.length);
      assertEquals(422, r);
      byte[] body = slice(bundle, 0, 44 + l + r);
      assertTrue(
          ed25519Verify(
              ed25519Key(bundle),
              concat(ctx("chat-e2e/v1/identity"), body),
              slice(bundle, 44 + l + r, 108 + l + r)));
      byte[] fingerprint = fingerprint(bundle);
      assertArrayEquals(fingerprint, identity.bundle().fingerprint().value().toByteArray());
      String hex = HexFormat.of().formatHex(fingerprint);
      StringBuilder display = new StringBuilder();
      for (int i = 0; i < 64; i += 4) {
        display.append(i == 0 ? "" : " ").append(hex, i, i + 4);
      }
      assertEquals(display.toString(), identity.bundle().fingerprint().toDisplayString());
      assertEquals(hex.substring(0, 8), identity.bundle().fingerprint().shortForm());
    }
  }

  @Test
  void safetyNumber_bySpec_matchesEitherOrder() {
    for (IdentityKeyPair other : others) {
      byte[] a = alice.bundle().encode();
      byte[] b = other.bundle().encode();
      String first = safetyHalf(a);
      String second = safetyHalf(b);
      String expected = first.compareTo(second) <= 0 ? first + second : second + first;
      assertEquals(expected, SafetyNumber.of(alice.bundle(), other.bundle()).digits());
      assertEquals(expected, SafetyNumber.of(other.bundle(), alice.bundle()).digits());
      StringBuilder display = new StringBuilder();
      for (int i = 0; i < 60; i += 5) {
        display.append(i == 0 ? "" : " ").append(expected, i, i + 5);
      }
      assertEquals(
          display.toString(), SafetyNumber.of(alice.bundle(), other.bundle()).toDisplayString());
    }
  }

  @Test
  void armor_bySpec_hasMarkersAndLinesOf64() throws Exception {
    byte[] bundle = alice.bundle().encode();
    String armored = Armor.encode(Armor.IDENTITY, bundle);
    String[] lines = armored.split("\n", -1);
    assertEquals("-----BEGIN CHAT IDENTITY-----", lines[0]);
    assertEquals("-----END CHAT IDENTITY-----", lines[lines.length - 2]);
    assertEquals("", lines[lines.length - 1]);
    StringBuilder base64 = new StringBuilder();
    for (int i = 1; i < lines.length - 2; i++) {
      assertTrue(lines[i].length() == 64 || i == lines.length - 3, "line " + i);
      base64.append(lines[i]);
    }
    assertArrayEquals(bundle, java.util.Base64.getDecoder().decode(base64.toString()));
    assertArrayEquals(
        bundle, Armor.decode(Armor.IDENTITY, armored.getBytes(StandardCharsets.US_ASCII)));
  }

  // ---- Opening the per-recipient form, step by step as PacketDiagram.md says ----

  private static byte[] specOpen(byte[] f, IdentityKeyPair me, byte[] senderBundle)
      throws SpecReject, GeneralSecurityException {
    // 1. Parse.
    need(f[0] == 'R');
    int h = headerLength(f);
    byte[] header = slice(f, 1, 1 + h);
    need(header[0] == 1 && header[1] == 1);
    int c = header[26] & 0xFF;
    int s = header[27 + c] & 0xFF;
    byte[] senderId = slice(header, 28 + c, 28 + c + s);
    byte[] senderKey = slice(header, 28 + c + s, 60 + c + s);
    long n = u32(header, 60 + c + s);
    need(n >= 1 && n <= 10_000 && c >= 1 && s >= 1);
    byte[] commitment = slice(f, 1 + h, 33 + h);
    long p = u32(f, 33 + h);
    need(p >= 284 && p <= 1_081_372);
    int pi = (int) p;
    byte[] payload = slice(f, 37 + h, 37 + h + pi);
    long m = u32(f, 37 + h + pi);
    need(m <= 10_000 && m < n);
    int e0 = 41 + h + pi;
    int u = u8(f, e0);
    need(u >= 1);
    int w = u16(f, e0 + 33 + u);
    need(w >= 1 && w <= 1024);
    byte[] entry = slice(f, e0, e0 + 35 + u + w);
    int l = u8(f, e0 + entry.length);
    need(l <= 14);
    int pathStart = e0 + entry.length + 1;
    List<byte[]> path = new ArrayList<>();
    for (int i = 0; i < l; i++) {
      path.add(slice(f, pathStart + 32 * i, pathStart + 32 * i + 32));
    }
    byte[] signature = slice(f, pathStart + 32 * l, pathStart + 32 * l + 64);
    need(f.length == pathStart + 32 * l + 64);

    // 2. Addressee.
    byte[] ownBundle = me.bundle().encode();
    byte[] ownId = slice(ownBundle, 2, 2 + (ownBundle[1] & 0xFF));
    if (!Arrays.equals(slice(entry, 1, 1 + u), ownId)
        || !Arrays.equals(slice(entry, 1 + u, 33 + u), fingerprint(ownBundle))) {
      throw new SpecReject("no-match");
    }
    // 3. Sender.
    byte[] senderBundleId = slice(senderBundle, 2, 2 + (senderBundle[1] & 0xFF));
    auth(Arrays.equals(senderId, senderBundleId));
    auth(Arrays.equals(senderKey, fingerprint(senderBundle)));
    // 4. Merkle proof.
    byte[] root = rootFromPath(leafHash(entry), m, n, path);
    auth(root != null);
    // 5. Signature.
    auth(
        ed25519Verify(
            ed25519Key(senderBundle), sigInput(header, commitment, root, payload), signature));
    // 6. Unwrap.
    byte[] key = specUnwrap(f, me);
    // 7. Key commitment.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    auth(MessageDigest.isEqual(mac.doFinal(ctx("chat-e2e/v1/key-commitment")), commitment));
    // 8. Decrypt.
    byte[] padded;
    try {
      padded = gcm(Cipher.DECRYPT_MODE, key, slice(payload, 0, 12), slice(payload, 12, pi), header);
    } catch (GeneralSecurityException e) {
      throw new SpecReject("auth");
    }
    // 9. Unpad.
    long length = u32(padded, 0);
    need(length <= padded.length - 4 && padLength((int) length + 4) == padded.length);
    for (int i = 4 + (int) length; i < padded.length; i++) {
      need(padded[i] == 0);
    }
    return slice(padded, 4, 4 + (int) length);
  }

  /** Step 6 alone: W must equal k; RSA-OAEP with SHA-256, MGF1-SHA-256 and the label. */
  private static byte[] specUnwrap(byte[] f, IdentityKeyPair me)
      throws SpecReject, GeneralSecurityException {
    int h = headerLength(f);
    int p = (int) u32(f, 33 + h);
    int e0 = 41 + h + p;
    int u = f[e0] & 0xFF;
    int w = u16(f, e0 + 33 + u);
    PrivateKey rsa =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(me.rsaPrivateKeyPkcs8()));
    auth(w == (((RSAPrivateKey) rsa).getModulus().bitLength() + 7) / 8);
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.DECRYPT_MODE,
        rsa,
        new OAEPParameterSpec(
            "SHA-256",
            "MGF1",
            MGF1ParameterSpec.SHA256,
            new PSource.PSpecified("chat-e2e/v1/content-key".getBytes(StandardCharsets.US_ASCII))));
    byte[] key;
    try {
      key = oaep.doFinal(slice(f, e0 + 35 + u, e0 + 35 + u + w));
    } catch (GeneralSecurityException e) {
      throw new SpecReject("auth");
    }
    auth(key.length == 32);
    return key;
  }

  /** Replaces the commitment or payload of a per-recipient form and signs it again as alice. */
  private static byte[] resign(byte[] f, byte[] commitment, byte[] payload) throws SpecReject {
    int h = headerLength(f);
    int p = (int) u32(f, 33 + h);
    byte[] header = slice(f, 1, 1 + h);
    byte[] newCommitment = commitment != null ? commitment : slice(f, 1 + h, 33 + h);
    byte[] newPayload = payload != null ? payload : slice(f, 37 + h, 37 + h + p);
    byte[] tail = slice(f, 37 + h + p, f.length - 64);
    int e0 = 4;
    int u = tail[e0] & 0xFF;
    int w = u16(tail, e0 + 33 + u);
    byte[] entry = slice(tail, e0, e0 + 35 + u + w);
    int l = tail[e0 + entry.length] & 0xFF;
    List<byte[]> path = new ArrayList<>();
    for (int i = 0; i < l; i++) {
      int at = e0 + entry.length + 1 + 32 * i;
      path.add(slice(tail, at, at + 32));
    }
    byte[] root = rootFromPath(leafHash(entry), u32(tail, 0), u32(header, h - 36), path);
    byte[] signature = alice.signer().sign(sigInput(header, newCommitment, root, newPayload));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('R');
    out.writeBytes(header);
    out.writeBytes(newCommitment);
    int np = newPayload.length;
    out.writeBytes(
        new byte[] {(byte) (np >>> 24), (byte) (np >>> 16), (byte) (np >>> 8), (byte) np});
    out.writeBytes(newPayload);
    out.writeBytes(tail);
    out.writeBytes(signature);
    return out.toByteArray();
  }

  private static byte[] flip(byte[] data, int at, int mask) {
    byte[] out = data.clone();
    out[at] ^= (byte) mask;
    return out;
  }

  private static IdentityKeyPair identityFor(Recipient recipient) {
    if (Recipient.of(alice.bundle()).equals(recipient)) {
      return alice;
    }
    for (IdentityKeyPair identity : others) {
      if (Recipient.of(identity.bundle()).equals(recipient)) {
        return identity;
      }
    }
    throw new AssertionError("unknown recipient");
  }

  private record Case(String name, byte[] bytes, IdentityKeyPair me, String expect) {}
}
