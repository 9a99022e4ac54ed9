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

  /**
   * {@link #input} read from an envelope's full form where its parts lie: the header and key
   * commitment, which lie together from byte 1 to {@code commitmentEnd}, and the payload from
   * {@code payloadFrom} to {@code payloadTo}.
   */
  public static byte[] input(
      byte[] full, int commitmentEnd, byte[] recipientsRoot, int payloadFrom, int payloadTo) {
    byte[] context = Hashes.context(CONTEXT);
    return new ByteWriter(
            context.length + commitmentEnd - 1 + recipientsRoot.length + payloadTo - payloadFrom)
        .raw(context)
        .raw(full, 1, commitmentEnd)
        .raw(recipientsRoot)
        .raw(full, payloadFrom, payloadTo)
        .finish();
  }
}
