package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.DeletedEvent;
import chat.protocol.Event;
import chat.protocol.GroupChange;
import chat.protocol.GroupEvent;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.ProtocolVersions;
import org.junit.jupiter.api.Test;

/**
 * What each wire version hears of a timed ban and of a mute: an older decoder refuses fields and
 * changes it does not know.
 */
class WireCompatTest {
  private static final GroupEvent TIMED =
      new GroupEvent("#team", "alice", GroupChange.BANNED, "carol", null, null, 5_000L);
  private static final GroupEvent TIMED_WITH_REASON =
      new GroupEvent("#team", "alice", GroupChange.BANNED, "carol", null, "spam", 5_000L);

  private static Event heard(Event event, int version) {
    return WireCompat.forVersion(event, version, "bob", true).orElseThrow();
  }

  @Test
  void timedBan_version11AsIs_10WithoutItsEnd_2to9WithoutReasonOrEnd_1AsALeave() {
    for (GroupEvent event : new GroupEvent[] {TIMED, TIMED_WITH_REASON}) {
      assertThat(heard(event, ProtocolVersions.BAN_LIST)).isEqualTo(event);
      GroupEvent ten = (GroupEvent) heard(event, ProtocolVersions.MODERATION);
      assertThat(ten.untilMillis()).isNull();
      assertThat(ten.reason()).isEqualTo(event.reason());
      for (int version = ProtocolVersions.SOCIAL;
          version < ProtocolVersions.MODERATION;
          version++) {
        GroupEvent older = (GroupEvent) heard(event, version);
        assertThat(older.untilMillis()).as("version %d", version).isNull();
        assertThat(older.reason()).as("version %d", version).isNull();
        assertThat(older.change()).isEqualTo(GroupChange.BANNED);
      }
      assertThat(heard(event, 1))
          .isEqualTo(new MembershipEvent("#team", "carol", MembershipChange.LEFT));
    }
  }

  @Test
  void mutes_version12AsIs_olderHearNothing() {
    GroupEvent muted =
        new GroupEvent("#team", "alice", GroupChange.MUTED, "carol", null, "calm", 5_000L);
    GroupEvent unmuted = new GroupEvent("#team", "alice", GroupChange.UNMUTED, "carol", null);
    for (GroupEvent event : new GroupEvent[] {muted, unmuted}) {
      assertThat(heard(event, ProtocolVersions.MUTE)).isEqualTo(event);
      for (int version = 1; version < ProtocolVersions.MUTE; version++) {
        assertThat(WireCompat.forVersion(event, version, "bob", false))
            .as("version %d", version)
            .isEmpty();
      }
    }
    assertThat(heard(TIMED, ProtocolVersions.MUTE)).isEqualTo(TIMED);
  }

  @Test
  void deletions_version13AsIs_olderHearNothing() {
    DeletedEvent deleted =
        new DeletedEvent(
            "#team", "alice", "carol", java.util.List.of("3e7b53bd06443b44eb815a235e054c1c"));
    assertThat(heard(deleted, ProtocolVersions.DELETE)).isEqualTo(deleted);
    for (int version = 1; version < ProtocolVersions.DELETE; version++) {
      assertThat(WireCompat.forVersion(deleted, version, "bob", false))
          .as("version %d", version)
          .isEmpty();
    }
    assertThat(heard(TIMED, ProtocolVersions.DELETE)).isEqualTo(TIMED);
  }

  @Test
  void ownFriendChange_version14AsIs_olderHearNothing_anotherUsersFromVersion2() {
    chat.protocol.FriendEvent own =
        new chat.protocol.FriendEvent("bob", chat.protocol.FriendChange.REMOVED, true);
    chat.protocol.FriendEvent theirs =
        new chat.protocol.FriendEvent("bob", chat.protocol.FriendChange.REMOVED);
    assertThat(heard(own, ProtocolVersions.OWN_FRIENDS)).isEqualTo(own);
    for (int version = 1; version < ProtocolVersions.OWN_FRIENDS; version++) {
      assertThat(WireCompat.forVersion(own, version, "alice", false))
          .as("version %d", version)
          .isEmpty();
    }
    assertThat(heard(theirs, ProtocolVersions.SOCIAL)).isEqualTo(theirs);
  }
}
