package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link RecipientEnvelope#parse} (the per-recipient form a client receives from the relay):
 * any input parses canonically or throws {@link MalformedDataException}; the audit-path check on
 * what parses fails only with {@link AuthenticationException}.
 */
class RecipientEnvelopeFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void parse_anyBytes_parsesCanonicallyOrThrowsMalformed(byte[] data) {
    RecipientEnvelope envelope;
    try {
      envelope = RecipientEnvelope.parse(data);
    } catch (MalformedDataException expected) {
      return;
    }
    assertThat(envelope.encode()).isEqualTo(data);
    try {
      envelope.recipientsRoot();
    } catch (AuthenticationException expected) {
      // a wrong audit path
    }
  }
}
