package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link Envelope#parse} (the full form the relay accepts from any client): any input either
 * parses or throws {@link MalformedDataException}, never anything else, and what parses encodes
 * back to exactly the same bytes (one envelope, one encoding); {@link ReceivedEnvelope#parse}, the
 * relay's parse, refuses exactly the same inputs with the same messages. In a normal build this
 * runs the seed inputs in {@code EnvelopeFuzzTestInputs}; SECURITY.md shows how to fuzz for real.
 */
class EnvelopeFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void parse_anyBytes_parsesCanonicallyOrThrowsMalformed(byte[] data) {
    Envelope envelope;
    try {
      envelope = Envelope.parse(data);
    } catch (MalformedDataException expected) {
      assertThatThrownBy(() -> ReceivedEnvelope.parse(Bytes.of(data)))
          .isInstanceOf(MalformedDataException.class)
          .hasMessage(expected.getMessage());
      return;
    }
    assertThat(envelope.encode()).isEqualTo(data);
    envelope.recipientSet();
    envelope.split();
    ReceivedEnvelope received = assertDoesNotThrow(() -> ReceivedEnvelope.parse(Bytes.of(data)));
    assertThat(received.header()).isEqualTo(envelope.header());
    assertThat(received.recipientIds())
        .containsExactlyElementsOf(
            envelope.recipientSet().stream().map(Recipient::userId).toList());
  }
}
