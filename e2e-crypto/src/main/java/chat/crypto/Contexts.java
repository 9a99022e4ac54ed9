package chat.crypto;

/**
 * The context strings of envelope v1, as listed in PacketDiagram.md. Each is used as its ASCII
 * bytes followed by one zero byte, except {@link #CONTENT_KEY_LABEL}, which is the OAEP label as
 * plain ASCII.
 */
public final class Contexts {
  /** Prefix of the identity bundle's self-signature input. */
  public static final String IDENTITY_SIGNATURE = "chat-e2e/v1/identity";

  /** Prefix of the fingerprint hash input. */
  public static final String FINGERPRINT = "chat-e2e/v1/fingerprint";

  /** Prefix of each half of a safety number. */
  public static final String SAFETY_NUMBER = "chat-e2e/v1/safety-number";

  /** Prefix of the recipient-set hash input. */
  public static final String RECIPIENT_SET = "chat-e2e/v1/recipient-set";

  /** Prefix of the envelope signature input. */
  public static final String ENVELOPE_SIGNATURE = chat.crypto.internal.EnvelopeSignature.CONTEXT;

  /** Message of the key-commitment HMAC. */
  public static final String KEY_COMMITMENT = "chat-e2e/v1/key-commitment";

  /** RSA-OAEP label for wrapped content keys (plain ASCII, no trailing zero). */
  public static final String CONTENT_KEY_LABEL = "chat-e2e/v1/content-key";

  private Contexts() {}
}
