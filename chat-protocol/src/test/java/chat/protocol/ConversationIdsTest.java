package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConversationIdsTest {
  @Test
  void direct_anyOrderAndCase_isSortedLowercase() {
    assertThat(ConversationIds.direct("Bob", "alice")).isEqualTo("@alice+bob");
    assertThat(ConversationIds.parties("@alice+bob")).containsExactly("alice", "bob");
  }

  @Test
  void otherParty_eitherParty_theOther_notAParty_throws() {
    assertThat(ConversationIds.otherParty("@alice+bob", "alice")).isEqualTo("bob");
    assertThat(ConversationIds.otherParty("@alice+bob", "bob")).isEqualTo("alice");
    assertThatThrownBy(() -> ConversationIds.otherParty("@alice+bob", "carol"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConversationIds.otherParty("#ops", "alice"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isDirect_unsortedOrSame_false() {
    assertThat(ConversationIds.isDirect("@bob+alice")).isFalse();
    assertThat(ConversationIds.isDirect("@bob+bob")).isFalse();
    assertThat(ConversationIds.isDirect("@Alice+bob")).isFalse();
  }

  @Test
  void isRoom_rules() {
    assertThat(ConversationIds.isRoom("#lobby")).isTrue();
    assertThat(ConversationIds.isRoom("#a-b_9")).isTrue();
    assertThat(ConversationIds.isRoom("#")).isFalse();
    assertThat(ConversationIds.isRoom("#Upper")).isFalse();
    assertThat(ConversationIds.isRoom("#" + "a".repeat(65))).isFalse();
    assertThat(ConversationIds.isRoom("#" + "a".repeat(64))).isTrue();
    assertThat(ConversationIds.isRoom("#a")).isTrue();
    assertThat(ConversationIds.isRoom("lobby")).isFalse();
    assertThat(ConversationIds.isRoom("##lobby")).isFalse();
    assertThat(ConversationIds.isRoom("#lob by")).isFalse();
    assertThat(ConversationIds.isRoom("#lob.by")).isFalse();
    assertThat(ConversationIds.isRoom("#lobbý")).isFalse();
    assertThat(ConversationIds.isRoom("#lobby\n")).isFalse();
    assertThat(ConversationIds.isRoom("")).isFalse();
    assertThat(ConversationIds.isRoom(null)).isFalse();
  }

  @Test
  void direct_sameUser_throws() {
    assertThatThrownBy(() -> ConversationIds.direct("bob", "BOB"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void usernames_rule() {
    assertThat(Usernames.isValid("alice")).isTrue();
    assertThat(Usernames.isValid("a.b-c_1")).isTrue();
    assertThat(Usernames.isValid("ab")).isFalse();
    assertThat(Usernames.isValid("1abc")).isFalse();
    assertThat(Usernames.isValid("a".repeat(33))).isFalse();
    assertThat(Usernames.isValid("ali ce")).isFalse();
  }
}
