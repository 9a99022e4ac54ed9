package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretRedactionTest {
  @Test
  void historyEntry_loginWithInlinePassword_masksIt() {
    assertThat(SecretRedaction.historyEntry("/login alice hunter2")).contains("/login alice ***");
  }

  @Test
  void historyEntry_registerWithInlinePasswordAnyCase_masksIt() {
    assertThat(SecretRedaction.historyEntry("/REGISTER  bob  s3cret"))
        .contains("/register bob ***");
  }

  @Test
  void historyEntry_passwordWithExtraWords_masksAllOfThem() {
    String entry = SecretRedaction.historyEntry("/login alice two words").orElseThrow();

    assertThat(entry).isEqualTo("/login alice ***").doesNotContain("two").doesNotContain("words");
  }

  @Test
  void historyEntry_loginWithoutPassword_keepsLine() {
    assertThat(SecretRedaction.historyEntry("/login alice")).contains("/login alice");
  }

  @Test
  void historyEntry_typoOfLoginWithArguments_isSkipped() {
    assertThat(SecretRedaction.historyEntry("/logni alice hunter2")).isEmpty();
    assertThat(SecretRedaction.historyEntry("/regster alice hunter2")).isEmpty();
  }

  @Test
  void historyEntry_passwdOrPassphraseWithWords_masksThem() {
    assertThat(SecretRedaction.historyEntry("/passwd old-secret new-secret"))
        .contains("/passwd ***");
    assertThat(SecretRedaction.historyEntry("/passphrase new-phrase")).contains("/passphrase ***");
    assertThat(SecretRedaction.historyEntry("/passwd")).contains("/passwd");
  }

  @Test
  void historyEntry_blank_isSkipped() {
    assertThat(SecretRedaction.historyEntry("   ")).isEmpty();
  }

  @Test
  void historyEntry_ordinaryLines_keptAsTyped() {
    assertThat(SecretRedaction.historyEntry("hello there")).contains("hello there");
    assertThat(SecretRedaction.historyEntry("/pm alice hi")).contains("/pm alice hi");
    assertThat(SecretRedaction.historyEntry("//login a b")).contains("//login a b");
  }
}
