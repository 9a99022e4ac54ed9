package chat.crypto.internal;

/** The exact byte string an envelope signature covers (PacketDiagram.md, "Signature"). */
public final class EnvelopeSignature {
  /** Context string of the envelope signature. */
  public static final String CONTEXT = "chat-e2e/v1/envelope";

  private EnvelopeSignature() {}

  /** {@code context || 0x00 || header || keyCommitment || recipientsRoot || payload}. */
  public static byte[] input(
      byte[] header, byte[] keyCommitment, byte[] recipientsRoot, byte[] payload) {
    return new ByteWriter(header.length + payload.length + 96)
        .raw(Hashes.context(CONTEXT))
        .raw(header)
        .raw(keyCommitment)
        .raw(recipientsRoot)
        .raw(payload)
        .toByteArray();
  }
}
