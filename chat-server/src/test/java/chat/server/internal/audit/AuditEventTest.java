package chat.server.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuditEventTest {
  @Test
  void create_controlAndBidiCharacters_replaced() {
    AuditEvent event =
        new AuditEvent(1, AuditType.ERROR, "al\u001bice", null, "c1", "bad\nline\u202Eevil");

    assertThat(event.username()).isEqualTo("al?ice");
    assertThat(event.address()).isEmpty();
    assertThat(event.detail()).isEqualTo("bad?line?evil");
  }

  @Test
  void create_longDetail_cut() {
    AuditEvent event = new AuditEvent(1, AuditType.ADMIN, "", "", "", "x".repeat(1000));

    assertThat(event.detail()).hasSize(AuditEvent.MAX_DETAIL_CHARS);
  }

  @Test
  void create_nullType_throws() {
    assertThatThrownBy(() -> new AuditEvent(1, null, "", "", "", ""))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void parse_anyCaseAndDashes_findsType() {
    assertThat(AuditType.parse("login-failed")).contains(AuditType.LOGIN_FAILED);
    assertThat(AuditType.parse(" Slow_Consumer ")).contains(AuditType.SLOW_CONSUMER);
    assertThat(AuditType.parse("nope")).isEmpty();
  }
}
