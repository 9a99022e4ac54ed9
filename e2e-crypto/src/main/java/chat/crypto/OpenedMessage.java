package chat.crypto;

import java.util.Objects;

/**
 * An envelope that opened: its verified header and the plaintext. Holds message content, so its
 * {@code toString} shows no plaintext.
 */
public final class OpenedMessage {
  private final EnvelopeHeader header;
  private final byte[] plaintext;

  OpenedMessage(EnvelopeHeader header, byte[] plaintext) {
    this.header = Objects.requireNonNull(header, "header");
    this.plaintext = plaintext.clone();
  }

  /** The verified header. */
  public EnvelopeHeader header() {
    return header;
  }

  /** A copy of the plaintext. */
  public byte[] plaintext() {
    return plaintext.clone();
  }

  @Override
  public String toString() {
    return "OpenedMessage[" + header.messageIdHex() + ", " + plaintext.length + " bytes]";
  }
}
