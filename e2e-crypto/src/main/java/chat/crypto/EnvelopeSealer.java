package chat.crypto;

import chat.crypto.internal.AesGcm;
import chat.crypto.internal.EnvelopeSignature;
import chat.crypto.internal.Hashes;
import chat.crypto.internal.MerkleTree;
import chat.crypto.internal.Padding;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seals a message into a full {@link Envelope}: one fresh AES-256-GCM content key and nonce, the
 * key wrapped with RSA-OAEP to every recipient (the sender always included), and an Ed25519
 * signature over the header, key commitment, recipient Merkle root and payload.
 *
 * <p>Guarantee: only holders of a recipient private key can read the plaintext; any change to a
 * signed field makes every recipient reject the envelope. Null arguments throw {@link
 * NullPointerException}; an empty plaintext is allowed; a plaintext over {@link
 * Envelope#MAX_PLAINTEXT_BYTES} or an invalid conversation id throws {@link
 * IllegalArgumentException}.
 */
public final class EnvelopeSealer {
  private final SecureRandom random;
  private final Clock clock;
  private final KeyWrap keyWrap;

  /** A sealer drawing keys, nonces and ids from {@code random} and times from {@code clock}. */
  public EnvelopeSealer(SecureRandom random, Clock clock) {
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keyWrap =
        new RsaOaepKeyWrap(random, Contexts.CONTENT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII));
  }

  /** Seals {@code plaintext} to {@code recipients} and the sender, in {@code conversationId}. */
  public Envelope seal(
      IdentityKeyPair sender,
      String conversationId,
      Collection<IdentityBundle> recipients,
      byte[] plaintext) {
    Objects.requireNonNull(sender, "sender");
    Identifiers.require(conversationId, "conversationId");
    Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.length > Envelope.MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("message larger than 1 MiB");
    }
    Map<Recipient, IdentityBundle> byRecipient = new LinkedHashMap<>();
    byRecipient.put(Recipient.of(sender.bundle()), sender.bundle());
    for (IdentityBundle bundle : recipients) {
      byRecipient.putIfAbsent(Recipient.of(bundle), bundle);
    }
    List<Recipient> ordered = RecipientSet.canonical(byRecipient.keySet());

    byte[] messageId = new byte[EnvelopeHeader.MESSAGE_ID_SIZE_BYTES];
    random.nextBytes(messageId);
    EnvelopeHeader header =
        new EnvelopeHeader(
            Bytes.of(messageId),
            clock.millis(),
            conversationId,
            sender.userId(),
            sender.bundle().fingerprint(),
            ordered.size(),
            RecipientSet.hash(ordered));
    byte[] headerBytes = header.encode();

    byte[] contentKey = new byte[AesGcmAead.KEY_SIZE_BYTES];
    byte[] nonce = new byte[AesGcm.NONCE_SIZE_BYTES];
    try {
      random.nextBytes(contentKey);
      random.nextBytes(nonce);
      byte[] commitment = keyCommitment(contentKey);
      byte[] sealed = AesGcm.seal(contentKey, nonce, Padding.pad(plaintext), headerBytes);
      byte[] payload = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, payload, 0, nonce.length);
      System.arraycopy(sealed, 0, payload, nonce.length, sealed.length);

      List<RecipientEntry> entries = new ArrayList<>(ordered.size());
      List<byte[]> leaves = new ArrayList<>(ordered.size());
      for (Recipient recipient : ordered) {
        byte[] wrapped = keyWrap.wrap(byRecipient.get(recipient).rsaKey(), contentKey);
        RecipientEntry entry = new RecipientEntry(recipient, Bytes.of(wrapped));
        entries.add(entry);
        leaves.add(entry.leafHash());
      }
      byte[] root = new MerkleTree(leaves).root();
      byte[] signature =
          sender.signer().sign(EnvelopeSignature.input(headerBytes, commitment, root, payload));
      return new Envelope(
          header, Bytes.of(commitment), Bytes.of(payload), entries, Bytes.of(signature));
    } finally {
      Arrays.fill(contentKey, (byte) 0);
    }
  }

  /** {@code HMAC-SHA-256(contentKey, "chat-e2e/v1/key-commitment" || 0x00)}. */
  static byte[] keyCommitment(byte[] contentKey) {
    return Hashes.hmacSha256(contentKey, Hashes.context(Contexts.KEY_COMMITMENT));
  }
}
