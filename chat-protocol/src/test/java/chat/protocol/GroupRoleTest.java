package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroupRoleTest {
  @Test
  void outranks_ownerEveryoneElse_adminPlainMembers_memberNoOne() {
    assertThat(GroupRole.OWNER.outranks(GroupRole.ADMIN)).isTrue();
    assertThat(GroupRole.OWNER.outranks(GroupRole.MEMBER)).isTrue();
    assertThat(GroupRole.OWNER.outranks(GroupRole.OWNER)).isFalse();
    assertThat(GroupRole.ADMIN.outranks(GroupRole.MEMBER)).isTrue();
    assertThat(GroupRole.ADMIN.outranks(GroupRole.ADMIN)).isFalse();
    assertThat(GroupRole.ADMIN.outranks(GroupRole.OWNER)).isFalse();
    for (GroupRole other : GroupRole.values()) {
      assertThat(GroupRole.MEMBER.outranks(other)).isFalse();
    }
  }
}
