package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CAROL;
import static chat.crypto.EnvelopeFixtures.flip;
import static chat.crypto.EnvelopeVector.Expect.AUTH;
import static chat.crypto.EnvelopeVector.Expect.PARSE;
import static chat.crypto.EnvelopeVector.Form.FULL;
import static chat.crypto.EnvelopeVector.Form.PER_RECIPIENT;
import static chat.crypto.EnvelopeVectorCases.HELLO;

import chat.crypto.internal.Padding;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The envelope vector cases that play an attacker: a relay that edits what it forwards (it cannot
 * sign as Alice), a malicious sender who signs whatever she likes, and edits to the per-recipient
 * form.
 */
final class ForgedEnvelopeVectorCases {
  private ForgedEnvelopeVectorCases() {}

  /** Adds every forged case to {@code cases}. */
  static void addTo(EnvelopeVectorCases cases) {
    forgedByRelay(cases);
    forgedBySender(cases);
    tamperedPerRecipientForm(cases);
  }

  private static void forgedByRelay(EnvelopeVectorCases cases) {
    cases.fails(
        "bad-signature",
        AUTH,
        FULL,
        "First byte of the signature (R) flipped.",
        r -> {
          byte[] encoded = EnvelopeVectorCases.toBob(r).encode();
          return flip(encoded, encoded.length - 64, 1);
        });
    cases.fails(
        "moved-conversation",
        AUTH,
        FULL,
        "Conversation id changed; original signature kept.",
        r -> {
          Envelope e = EnvelopeVectorCases.toBob(r);
          EnvelopeHeader moved = EnvelopeFixtures.withConversation(e.header(), "room-other");
          return EnvelopeFixtures.withHeader(e, moved).encode();
        });
    cases.add(
        "moved-sender",
        "Header renamed to sender carol and her key; opened as from carol.",
        AUTH,
        FULL,
        BOB,
        CAROL.bundle(),
        r -> {
          Envelope e = EnvelopeVectorCases.toBob(r);
          Fingerprint carols = CAROL.bundle().fingerprint();
          EnvelopeHeader moved = EnvelopeFixtures.withSender(e.header(), "carol", carols);
          return EnvelopeFixtures.withHeader(e, moved).encode();
        },
        null);
    IdentityKeyPair otherAlice =
        VectorKeys.identity("alice", CAROL.rsaPrivateKeyPkcs8(), CAROL.ed25519Seed());
    cases.add(
        "wrong-sender-key",
        "The claimed sender bundle is user alice with another key.",
        AUTH,
        FULL,
        BOB,
        otherAlice.bundle(),
        r -> EnvelopeVectorCases.toBob(r).encode(),
        null);
    cases.fails(
        "tampered-ciphertext",
        AUTH,
        FULL,
        "One ciphertext byte flipped; signature kept.",
        r -> {
          Envelope e = EnvelopeVectorCases.toBob(r);
          return new Envelope(
                  e.header(),
                  e.keyCommitment(),
                  flip(e.payload(), 40),
                  e.recipients(),
                  e.signature())
              .encode();
        });
    cases.fails(
        "swapped-wrapped-keys",
        AUTH,
        FULL,
        "Alice's and Bob's wrapped keys swapped.",
        r -> {
          Envelope e = EnvelopeVectorCases.toBob(r);
          RecipientEntry a = e.recipients().get(0);
          RecipientEntry b = e.recipients().get(1);
          return EnvelopeFixtures.encodeWithEntries(
              e,
              List.of(
                  new RecipientEntry(a.recipient(), b.wrappedKey()),
                  new RecipientEntry(b.recipient(), a.wrappedKey())));
        });
    cases.fails(
        "removed-recipient",
        AUTH,
        FULL,
        "Alice's entry dropped; header count and hash fixed up.",
        r -> {
          Envelope e = EnvelopeVectorCases.toBob(r);
          List<RecipientEntry> onlyBob = e.recipients().subList(1, 2);
          EnvelopeHeader h = e.header();
          EnvelopeHeader fewer =
              new EnvelopeHeader(
                  h.messageId(),
                  h.timestampMillis(),
                  h.conversationId(),
                  h.senderId(),
                  h.senderKey(),
                  1,
                  RecipientSet.hash(List.of(onlyBob.get(0).recipient())));
          return EnvelopeFixtures.encodeFull(
              fewer, e.keyCommitment(), e.payload(), onlyBob, e.signature());
        });
  }

  private static void forgedBySender(EnvelopeVectorCases cases) {
    cases.fails(
        "tampered-ciphertext-resigned",
        AUTH,
        FULL,
        "Ciphertext flipped, validly re-signed.",
        r -> {
          Envelope e = EnvelopeVectorCases.toBob(r);
          return EnvelopeFixtures.resigned(ALICE, e, null, flip(e.payload(), 40)).encode();
        });
    cases.fails(
        "commitment-mismatch",
        AUTH,
        FULL,
        "Key commitment changed, validly re-signed.",
        r -> {
          Envelope e = EnvelopeVectorCases.toBob(r);
          return EnvelopeFixtures.resigned(ALICE, e, flip(e.keyCommitment(), 0), null).encode();
        });
    cases.fails(
        "different-key-for-recipient",
        AUTH,
        FULL,
        "Bob's entry wraps another key; re-signed.",
        r -> {
          Envelope e = EnvelopeVectorCases.toBob(r);
          byte[] otherKey = new byte[AesGcmAead.KEY_SIZE_BYTES];
          r.nextBytes(otherKey);
          List<RecipientEntry> entries = new ArrayList<>(e.recipients());
          entries.set(1, EnvelopeFixtures.wrappedFor(BOB.bundle(), otherKey, r));
          return EnvelopeFixtures.signed(ALICE, e.header(), e.keyCommitment(), e.payload(), entries)
              .encode();
        });
    byte[] nonZero = Padding.pad(HELLO);
    nonZero[nonZero.length - 1] = 1;
    cases.fails(
        "bad-padding",
        PARSE,
        FULL,
        "Sealed with a non-zero padding byte; all else valid.",
        r -> rawSeal(r, nonZero));
    byte[] oversized = Arrays.copyOf(Padding.pad(HELLO), 2 * Padding.MIN_PADDED_BYTES);
    cases.fails(
        "bad-padding-size",
        PARSE,
        FULL,
        "Sealed padded to 512 bytes; canonical is 256.",
        r -> rawSeal(r, oversized));
  }

  private static byte[] rawSeal(SecureRandom random, byte[] padded) {
    byte[] key = new byte[AesGcmAead.KEY_SIZE_BYTES];
    random.nextBytes(key);
    return EnvelopeFixtures.rawSeal(ALICE, List.of(BOB.bundle()), key, padded, random).encode();
  }

  private static void tamperedPerRecipientForm(EnvelopeVectorCases cases) {
    cases.fails(
        "bad-audit-path",
        AUTH,
        PER_RECIPIENT,
        "Second audit path hash flipped.",
        r -> {
          RecipientEnvelope f = EnvelopeVectorCases.bobsFormOfThree(r);
          List<Bytes> path = new ArrayList<>(f.auditPath());
          path.set(1, flip(path.get(1), 0));
          return EnvelopeVectorCases.withPath(f, f.leafIndex(), path);
        });
    cases.fails(
        "audit-path-too-long",
        AUTH,
        PER_RECIPIENT,
        "Audit path has an extra hash.",
        r -> {
          RecipientEnvelope f = EnvelopeVectorCases.bobsFormOfThree(r);
          List<Bytes> path = new ArrayList<>(f.auditPath());
          path.add(path.get(0));
          return EnvelopeVectorCases.withPath(f, f.leafIndex(), path);
        });
    cases.fails(
        "audit-path-too-short",
        AUTH,
        PER_RECIPIENT,
        "Audit path lacks its last hash.",
        r -> {
          RecipientEnvelope f = EnvelopeVectorCases.bobsFormOfThree(r);
          return EnvelopeVectorCases.withPath(f, f.leafIndex(), f.auditPath().subList(0, 1));
        });
    cases.fails(
        "bad-leaf-index",
        AUTH,
        PER_RECIPIENT,
        "Leaf index 0 instead of 1, Bob's real path.",
        r -> {
          RecipientEnvelope f = EnvelopeVectorCases.bobsFormOfThree(r);
          return EnvelopeVectorCases.withPath(f, 0, f.auditPath());
        });
    cases.fails(
        "tampered-wrapped-key",
        AUTH,
        PER_RECIPIENT,
        "One byte of Bob's wrapped key flipped.",
        r -> {
          RecipientEnvelope f = EnvelopeVectorCases.toBob(r).forRecipient("bob").orElseThrow();
          Bytes wrapped = flip(f.entry().wrappedKey(), 10);
          RecipientEntry entry = new RecipientEntry(f.entry().recipient(), wrapped);
          return new RecipientEnvelope(
                  f.header(),
                  f.keyCommitment(),
                  f.payload(),
                  f.leafIndex(),
                  entry,
                  f.auditPath(),
                  f.signature())
              .encode();
        });
  }
}
