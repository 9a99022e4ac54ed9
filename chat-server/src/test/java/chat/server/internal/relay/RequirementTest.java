package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ProtocolVersions;
import org.junit.jupiter.api.Test;

/**
 * {@link Requirement#check}: a connection missing several things is refused for the first of them,
 * hello before login before wire version 2, with the codes and messages clients know.
 */
class RequirementTest {
  private static ConnectionState state(int version, boolean loggedIn) {
    ConnectionState state = new ConnectionState();
    state.version(version);
    if (loggedIn) {
      state.login("ann", "ann", Bytes.of(new byte[32]), true);
    }
    return state;
  }

  private static void refused(Requirement requirement, ConnectionState state, ErrorCode code) {
    assertThatThrownBy(() -> requirement.check(state))
        .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void check_beforeHello_helloRequiredForAllButHello() {
    ConnectionState fresh = state(0, false);
    assertThatCode(() -> Requirement.NOTHING.check(fresh)).doesNotThrowAnyException();
    refused(Requirement.HELLO, fresh, ErrorCode.HELLO_REQUIRED);
    refused(Requirement.SESSION, fresh, ErrorCode.HELLO_REQUIRED);
    refused(Requirement.SOCIAL, fresh, ErrorCode.HELLO_REQUIRED);
  }

  @Test
  void check_version1BeforeLogin_authRequiredBeforeTheVersion() {
    ConnectionState anonymous = state(1, false);
    assertThatCode(() -> Requirement.HELLO.check(anonymous)).doesNotThrowAnyException();
    refused(Requirement.SESSION, anonymous, ErrorCode.AUTH_REQUIRED);
    refused(Requirement.SOCIAL, anonymous, ErrorCode.AUTH_REQUIRED);
  }

  @Test
  void check_version1LoggedIn_onlyVersion2RequestsRefused_asBadFrameNamingTheVersion() {
    ConnectionState old = state(1, true);
    assertThatCode(() -> Requirement.SESSION.check(old)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Requirement.SOCIAL.check(old))
        .isInstanceOf(RelayException.class)
        .hasMessage("this request needs wire version 2")
        .extracting(e -> ((RelayException) e).code())
        .isEqualTo(ErrorCode.BAD_FRAME);
  }

  @Test
  void check_version2LoggedIn_everythingPasses() {
    ConnectionState current = state(ProtocolVersions.SOCIAL, true);
    for (Requirement requirement : Requirement.values()) {
      assertThatCode(() -> requirement.check(current)).doesNotThrowAnyException();
    }
  }
}
