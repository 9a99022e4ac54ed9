package chat.crypto;

import chat.crypto.internal.AesGcm;
import chat.crypto.internal.Padding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens envelopes addressed to an identity: check the entry is ours, check the sender, verify the
 * Merkle proof and signature, unwrap the content key, check its commitment, decrypt and unpad. No
 * step runs on data an earlier step did not accept.
 *
 * <p>Guarantee: a returned message was sealed by the holder of {@code sender}'s signing key, for
 * this conversation, header and recipient set, and is byte for byte what they sealed. Null
 * arguments throw {@link NullPointerException}. Failures throw {@link NotRecipientException},
 * {@link AuthenticationException} or {@link MalformedDataException}; anything shown to a peer must
 * collapse them to {@link CryptoException#GENERIC_MESSAGE}.
 *
 * <p>Safe for concurrent use. It remembers a signature verifier per sender key: building one checks
 * that the key is a valid point of the prime-order subgroup, which costs as much as a verification,
 * and a client opens many messages from the same few senders.
 */
public final class EnvelopeOpener {
  private static final int MAX_REMEMBERED_VERIFIERS = 4096;

  private final KeyWrap keyWrap;
  private final Map<Bytes, Verifier> verifiers = new ConcurrentHashMap<>();

  /** An opener; {@code random} only feeds RSA blinding. */
  public EnvelopeOpener(SecureRandom random) {
    this.keyWrap =
        new RsaOaepKeyWrap(random, Contexts.CONTENT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Opens the full form by taking this identity's per-recipient form (the entry for its user id and
   * key) out of it.
   */
  public OpenedMessage open(IdentityKeyPair me, IdentityBundle sender, Envelope envelope)
      throws CryptoException {
    Objects.requireNonNull(me, "me");
    Objects.requireNonNull(envelope, "envelope");
    RecipientEnvelope mine =
        envelope
            .forRecipient(Recipient.of(me.bundle()))
            .orElseThrow(() -> new NotRecipientException("not a recipient of this envelope"));
    return open(me, sender, mine);
  }

  /** Opens the per-recipient form. */
  public OpenedMessage open(IdentityKeyPair me, IdentityBundle sender, RecipientEnvelope envelope)
      throws CryptoException {
    Objects.requireNonNull(me, "me");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(envelope, "envelope");
    Recipient addressee = envelope.entry().recipient();
    if (!addressee.userId().equals(me.userId())
        || !addressee.keyFingerprint().matches(me.bundle().fingerprint())) {
      throw new NotRecipientException("not a recipient of this envelope");
    }
    EnvelopeHeader header = envelope.header();
    if (!header.senderId().equals(sender.userId())
        || !header.senderKey().matches(sender.fingerprint())) {
      throw new AuthenticationException("envelope names another sender or sender key");
    }
    envelope.verifySignature(verifierOf(sender));

    byte[] contentKey =
        keyWrap.unwrap(me.rsaPrivateKey(), envelope.entry().wrappedKey().toByteArray());
    try {
      if (contentKey.length != AesGcmAead.KEY_SIZE_BYTES
          || !MessageDigest.isEqual(
              EnvelopeSealer.keyCommitment(contentKey), envelope.keyCommitment().toByteArray())) {
        throw new AuthenticationException("content key does not match its commitment");
      }
      byte[] payload = envelope.payload().toByteArray();
      byte[] padded =
          AesGcm.open(
              contentKey,
              payload,
              0,
              AesGcm.NONCE_SIZE_BYTES,
              payload,
              AesGcm.NONCE_SIZE_BYTES,
              payload.length - AesGcm.NONCE_SIZE_BYTES,
              header.encode());
      byte[] plaintext = Padding.unpad(padded);
      if (plaintext.length > Envelope.MAX_PLAINTEXT_BYTES) {
        throw new MalformedDataException("plaintext larger than 1 MiB");
      }
      return new OpenedMessage(header, plaintext);
    } finally {
      Arrays.fill(contentKey, (byte) 0);
    }
  }

  /** The verifier of {@code sender}'s signing key, built once per key (see the class comment). */
  private Verifier verifierOf(IdentityBundle sender) {
    Bytes key = sender.ed25519PublicKey();
    Verifier known = verifiers.get(key);
    if (known != null) {
      return known;
    }
    Verifier made = sender.verifier();
    if (verifiers.size() >= MAX_REMEMBERED_VERIFIERS) {
      verifiers.clear();
    }
    verifiers.put(key, made);
    return made;
  }
}
