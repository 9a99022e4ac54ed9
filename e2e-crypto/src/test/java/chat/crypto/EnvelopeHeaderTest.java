package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.CLOCK;
import static chat.crypto.EnvelopeFixtures.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.internal.ByteReader;
import org.junit.jupiter.api.Test;

class EnvelopeHeaderTest {
  private static final Bytes MESSAGE_ID = Bytes.of(new byte[EnvelopeHeader.MESSAGE_ID_SIZE_BYTES]);
  private static final Bytes SET_HASH = Bytes.of(new byte[32]);
  private static final EnvelopeHeader HEADER = header(CONVERSATION, 2);

  private static EnvelopeHeader header(String conversationId, int recipientCount) {
    return new EnvelopeHeader(
        MESSAGE_ID,
        CLOCK.millis(),
        conversationId,
        ALICE.userId(),
        ALICE.bundle().fingerprint(),
        recipientCount,
        SET_HASH);
  }

  private static EnvelopeHeader read(byte[] encoded) throws MalformedDataException {
    ByteReader in = new ByteReader(encoded);
    EnvelopeHeader header = EnvelopeHeader.read(in);
    in.expectEnd();
    return header;
  }

  @Test
  void encode_read_roundTrips() throws Exception {
    byte[] encoded = HEADER.encode();

    assertThat(read(encoded)).isEqualTo(HEADER);
    assertThat(encoded)
        .hasSize(1 + 1 + 16 + 8 + 1 + CONVERSATION.length() + 1 + "alice".length() + 32 + 4 + 32);
    assertThat(encoded[0]).isEqualTo((byte) EnvelopeHeader.VERSION);
    assertThat(encoded[1]).isEqualTo((byte) EnvelopeHeader.SUITE);
  }

  @Test
  void read_otherVersionOrSuite_throwsMalformed() {
    byte[] version = HEADER.encode();
    version[0] = 2;
    byte[] suite = HEADER.encode();
    suite[1] = 2;

    assertThatThrownBy(() -> read(version))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> read(suite))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("suite");
  }

  @Test
  void read_zeroRecipientsOrControlCharacter_throwsMalformed() {
    byte[] zero = HEADER.encode();
    zero[zero.length - 33] = 0;
    zero[zero.length - 34] = 0;
    byte[] control = HEADER.encode();
    int conversationStart = 1 + 1 + 16 + 8 + 1;
    control[conversationStart] = '\n';

    assertThatThrownBy(() -> read(zero)).isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> read(control)).isInstanceOf(MalformedDataException.class);
  }

  @Test
  void read_invalidUtf8_throwsMalformed() {
    byte[] encoded = HEADER.encode();
    encoded[1 + 1 + 16 + 8 + 1] = (byte) 0xC0;

    assertThatThrownBy(() -> read(encoded)).isInstanceOf(MalformedDataException.class);
  }

  @Test
  void constructor_outOfRangeFields_throwsIllegalArgument() {
    Fingerprint key = ALICE.bundle().fingerprint();
    long now = CLOCK.millis();

    assertThatThrownBy(() -> header("", 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> header(CONVERSATION, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> header(CONVERSATION, RecipientSet.MAX_RECIPIENTS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new EnvelopeHeader(
                    Bytes.of(new byte[15]), now, CONVERSATION, "alice", key, 1, SET_HASH))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new EnvelopeHeader(
                    MESSAGE_ID, now, CONVERSATION, "alice", key, 1, Bytes.of(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messageIdHex_isThirtyTwoHexDigits() {
    assertThat(HEADER.messageIdHex()).isEqualTo("0".repeat(32));
  }
}
