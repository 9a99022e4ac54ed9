package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact JSON of {@code list_sessions}, {@code end_session} and their replies. */
class SessionFramesTest {
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private String json(Frame frame) {
    return new String(codec.toJson(frame), StandardCharsets.UTF_8);
  }

  @Test
  void toJson_sessionFrames_haveExactFields() {
    assertThat(json(new ListSessionsRequest("s1")))
        .isEqualTo("{\"type\":\"list_sessions\",\"id\":\"s1\"}");
    assertThat(json(new EndSessionRequest("s2", "ce74d974ecc1")))
        .isEqualTo("{\"type\":\"end_session\",\"id\":\"s2\",\"session\":\"ce74d974ecc1\"}");
    assertThat(json(new EndSessionReply("s2", "ce74d974ecc1")))
        .isEqualTo("{\"type\":\"end_session_ok\",\"re\":\"s2\",\"session\":\"ce74d974ecc1\"}");
    assertThat(
            json(
                new SessionsReply(
                    "s1",
                    List.of(
                        new SessionInfo(
                            "c8c25f86d8d7", 1794300000000L, 1794300500000L, "127.0.0.1", true)))))
        .isEqualTo(
            "{\"type\":\"sessions\",\"re\":\"s1\",\"sessions\":[{\"id\":\"c8c25f86d8d7\","
                + "\"createdAtMillis\":1794300000000,\"lastUsedAtMillis\":1794300500000,"
                + "\"address\":\"127.0.0.1\",\"current\":true}]}");
  }

  @Test
  void accountSuspended_carriesTheReason_andOlderConnectionsGetAuthFailed() throws Exception {
    ErrorReply closing =
        new ErrorReply(null, ErrorCode.ACCOUNT_SUSPENDED, ErrorCode.suspended("spam"));
    assertThat(json(closing))
        .isEqualTo(
            "{\"type\":\"error\",\"code\":\"ACCOUNT_SUSPENDED\",\"message\":\"this account is"
                + " suspended by the relay's operator: spam\"}");
    assertThat(codec.fromJson(codec.toJson(closing))).isEqualTo(closing);
    assertThat(ErrorCode.suspended("")).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED.defaultMessage());
    assertThat(ErrorCode.ACCOUNT_SUSPENDED.forVersion(ProtocolVersions.MODERATION))
        .isEqualTo(ErrorCode.ACCOUNT_SUSPENDED);
    assertThat(ErrorCode.ACCOUNT_SUSPENDED.forVersion(ProtocolVersions.OWN_AWAY))
        .isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(ErrorCode.ACCOUNT_SUSPENDED.forVersion(1)).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(ErrorCode.ACCOUNT_SUSPENDED.closesConnection()).isFalse();
  }

  @Test
  void fromJson_badSessionFields_badFrameWithId() {
    assertBad("{\"type\":\"end_session\",\"id\":\"e1\"}", "e1");
    assertBad("{\"type\":\"end_session\",\"id\":\"e2\",\"session\":\"CE74D974ECC1\"}", "e2");
    assertBad("{\"type\":\"end_session\",\"id\":\"e3\",\"session\":\"ce74d974ecc\"}", "e3");
    assertBad("{\"type\":\"end_session\",\"id\":\"e4\",\"session\":12}", "e4");
    assertBad("{\"type\":\"list_sessions\",\"id\":\"e5\",\"limit\":3}", "e5");
  }

  @Test
  void constructors_outOfRangeValues_throw() {
    SessionInfo one = new SessionInfo("ce74d974ecc1", 1, 1, "", false);
    assertThatThrownBy(() -> new SessionsReply("r", Collections.nCopies(101, one)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SessionsReply("r", Collections.nCopies(100, one)).sessions()).hasSize(100);
    assertThatThrownBy(() -> new SessionInfo("ce74d974ecc1", -1, 1, "", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionInfo("ce74d974ecc1", 1, 1, "a\u001b[2J", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionInfo("ce74d974ecc1", 1, 1, "x".repeat(65), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void assertBad(String json, String expectedId) {
    BadFrames.assertBad(codec, json, expectedId);
  }
}
