package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CAROL;
import static chat.crypto.EnvelopeFixtures.CLOCK;
import static chat.crypto.EnvelopeFixtures.CONVERSATION;
import static chat.crypto.EnvelopeFixtures.flip;
import static chat.crypto.EnvelopeFixtures.utf8;
import static chat.crypto.EnvelopeVector.Expect.NO_MATCH;
import static chat.crypto.EnvelopeVector.Expect.OK;
import static chat.crypto.EnvelopeVector.Expect.PARSE;
import static chat.crypto.EnvelopeVector.Form.FULL;
import static chat.crypto.EnvelopeVector.Form.PER_RECIPIENT;

import chat.crypto.EnvelopeVector.Expect;
import chat.crypto.EnvelopeVector.Form;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The envelope vector cases: valid, not-for-me and malformed ones here, attacks in {@link
 * ForgedEnvelopeVectorCases}. Each case draws all its randomness from an {@link
 * InsecureDeterministicRandom} seeded by its own name, so adding or changing one case never changes
 * another. Alice always seals; unless a description says otherwise, Bob opens and Alice's real
 * bundle is the claimed sender.
 */
final class EnvelopeVectorCases {
  /** The message most cases seal. */
  static final byte[] HELLO = utf8("hello, bob");

  private final Map<String, EnvelopeVector> vectors = new TreeMap<>();

  private EnvelopeVectorCases() {}

  /** Every case, by file name without extension, in name order. */
  static Map<String, EnvelopeVector> all() {
    EnvelopeVectorCases cases = new EnvelopeVectorCases();
    cases.valid();
    cases.notForMe();
    cases.malformed();
    cases.perRecipientForm();
    ForgedEnvelopeVectorCases.addTo(cases);
    return Collections.unmodifiableMap(cases.vectors);
  }

  void add(
      String name,
      String description,
      Expect expect,
      Form form,
      IdentityKeyPair opener,
      IdentityBundle sender,
      Function<SecureRandom, byte[]> envelope,
      byte[] plaintext) {
    SecureRandom random =
        InsecureDeterministicRandom.fromLabel("chat-e2e/test-vectors/envelope/" + name);
    byte[] encoded = envelope.apply(random);
    EnvelopeVector vector =
        EnvelopeVector.of(description, expect, form, plaintext, opener, sender, encoded);
    if (vectors.putIfAbsent(name, vector) != null) {
      throw new IllegalStateException("duplicate vector " + name);
    }
  }

  /** A case Bob opens successfully, to {@code HELLO} unless another plaintext is given. */
  private void ok(String name, Form form, String description, Function<SecureRandom, byte[]> e) {
    add(name, description, OK, form, BOB, ALICE.bundle(), e, HELLO);
  }

  /** A case Bob must reject at stage {@code expect}. */
  void fails(
      String name, Expect expect, Form form, String description, Function<SecureRandom, byte[]> e) {
    add(name, description, expect, form, BOB, ALICE.bundle(), e, null);
  }

  private static Envelope seal(SecureRandom random, List<IdentityKeyPair> to, byte[] text) {
    List<IdentityBundle> bundles = new ArrayList<>();
    for (IdentityKeyPair identity : to) {
      bundles.add(identity.bundle());
    }
    return new EnvelopeSealer(random, CLOCK).seal(ALICE, CONVERSATION, bundles, text);
  }

  /** Alice's {@code HELLO} to Bob (entries: alice at 0, bob at 1). */
  static Envelope toBob(SecureRandom random) {
    return seal(random, List.of(BOB), HELLO);
  }

  /** Bob's per-recipient form of Alice's {@code HELLO} to Bob and Carol (leaf 1 of 3). */
  static RecipientEnvelope bobsFormOfThree(SecureRandom random) {
    return seal(random, List.of(BOB, CAROL), HELLO).forRecipient("bob").orElseThrow();
  }

  /** {@code encoded} shortened or zero-extended by {@code delta} bytes. */
  private static byte[] resized(byte[] encoded, int delta) {
    return Arrays.copyOf(encoded, encoded.length + delta);
  }

  static byte[] withPath(RecipientEnvelope f, int leafIndex, List<Bytes> path) {
    return new RecipientEnvelope(
            f.header(), f.keyCommitment(), f.payload(), leafIndex, f.entry(), path, f.signature())
        .encode();
  }

  private void valid() {
    ok(
        "valid-two-recipients",
        FULL,
        "Alice seals to Bob; Bob opens the full form.",
        r -> toBob(r).encode());
    add(
        "valid-sender-copy",
        "Alice opens her own copy of a message she sealed to Bob.",
        OK,
        FULL,
        ALICE,
        ALICE.bundle(),
        r -> toBob(r).encode(),
        HELLO);
    add(
        "valid-empty-plaintext",
        "An empty message pads to the 256-byte minimum and opens.",
        OK,
        FULL,
        BOB,
        ALICE.bundle(),
        r -> seal(r, List.of(BOB), new byte[0]).encode(),
        new byte[0]);
    byte[] thousand = utf8("0123456789".repeat(100));
    add(
        "valid-padded-1000-bytes",
        "A 1000-byte message, Padme-padded from 1004 to 1024 bytes.",
        OK,
        FULL,
        BOB,
        ALICE.bundle(),
        r -> seal(r, List.of(BOB), thousand).encode(),
        thousand);
    add(
        "valid-note-to-self",
        "Alice seals to nobody else; she is the only recipient.",
        OK,
        FULL,
        ALICE,
        ALICE.bundle(),
        r -> seal(r, List.of(), HELLO).encode(),
        HELLO);
  }

  private void notForMe() {
    fails(
        "not-recipient",
        NO_MATCH,
        FULL,
        "Alice seals to herself only; Bob has no entry.",
        r -> seal(r, List.of(), HELLO).encode());
    fails(
        "not-recipient-per-recipient-form",
        NO_MATCH,
        PER_RECIPIENT,
        "Bob is handed Alice's per-recipient form.",
        r -> toBob(r).forRecipient("alice").orElseThrow().encode());
    IdentityKeyPair newBob =
        VectorKeys.identity("bob", CAROL.rsaPrivateKeyPkcs8(), CAROL.ed25519Seed());
    add(
        "not-recipient-other-key",
        "Sealed to Bob's key; opened by user bob holding another key.",
        NO_MATCH,
        FULL,
        newBob,
        ALICE.bundle(),
        r -> toBob(r).encode(),
        null);
  }

  private void malformed() {
    fails(
        "truncated",
        PARSE,
        FULL,
        "The last byte of the signature is missing.",
        r -> resized(toBob(r).encode(), -1));
    fails(
        "trailing-bytes",
        PARSE,
        FULL,
        "One zero byte follows the signature.",
        r -> resized(toBob(r).encode(), +1));
    fails(
        "wrong-version",
        PARSE,
        FULL,
        "Header version byte is 2.",
        r -> flip(toBob(r).encode(), 1, 0x03));
    fails(
        "wrong-suite",
        PARSE,
        FULL,
        "Header cipher suite byte is 2.",
        r -> flip(toBob(r).encode(), 2, 0x03));
    fails(
        "wrong-form-byte",
        PARSE,
        FULL,
        "A per-recipient encoding (form byte R) read as full.",
        r -> toBob(r).forRecipient("bob").orElseThrow().encode());
    fails(
        "reordered-recipients",
        PARSE,
        FULL,
        "Entries listed bob first: not canonical order.",
        r -> {
          Envelope e = toBob(r);
          return EnvelopeFixtures.encodeWithEntries(
              e, List.of(e.recipients().get(1), e.recipients().get(0)));
        });
    fails(
        "added-recipient-entry",
        PARSE,
        FULL,
        "A relay adds an entry for carol; count still 2.",
        r -> {
          Envelope e = toBob(r);
          List<RecipientEntry> more = new ArrayList<>(e.recipients());
          more.add(EnvelopeFixtures.wrappedFor(CAROL.bundle(), new byte[32], r));
          return EnvelopeFixtures.encodeWithEntries(e, more);
        });
    fails(
        "recipient-set-hash-mismatch",
        PARSE,
        FULL,
        "Last byte of the recipient-set hash flipped.",
        r -> {
          Envelope e = toBob(r);
          return flip(e.encode(), e.header().encode().length, 1);
        });
  }

  private void perRecipientForm() {
    ok(
        "valid-per-recipient-form",
        PER_RECIPIENT,
        "Bob's form of a two-recipient envelope.",
        r -> toBob(r).forRecipient("bob").orElseThrow().encode());
    ok(
        "valid-per-recipient-middle-leaf",
        PER_RECIPIENT,
        "Bob's form: leaf 1 of 3, two hashes.",
        r -> bobsFormOfThree(r).encode());
    add(
        "valid-per-recipient-last-leaf",
        "Carol's form: leaf 2 of 3, a one-hash audit path.",
        OK,
        PER_RECIPIENT,
        CAROL,
        ALICE.bundle(),
        r -> seal(r, List.of(BOB, CAROL), HELLO).forRecipient("carol").orElseThrow().encode(),
        HELLO);
  }
}
