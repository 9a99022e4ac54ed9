package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.cli.client.HeldMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWordsTest {
  @Test
  void keysChanged_oneContact_namesSafetyAndTrustInEachMode() {
    CommandException failure = CommandException.KeysChanged.sending(List.of("bob"));

    assertThat(CommandWords.SLASH.said(failure))
        .isEqualTo(
            "the key of bob changed; nothing was sent. Compare the safety number (/safety bob),"
                + " then /trust bob to accept the new key");
    assertThat(CommandWords.SCRIPT.said(failure))
        .isEqualTo(
            "the key of bob changed; nothing was sent. Compare the safety number (chat keys"
                + " safety bob), then chat keys trust bob to accept the new key");
  }

  @Test
  void keysChanged_several_namesTheCommandsForEach() {
    CommandException failure = CommandException.KeysChanged.sending(List.of("bob", "carol"));

    assertThat(CommandWords.SLASH.said(failure))
        .isEqualTo(
            "the keys of bob, carol changed; nothing was sent. Compare each safety number"
                + " (/safety bob, /safety carol), then accept the new keys (/trust bob, /trust"
                + " carol)");
    assertThat(CommandWords.SCRIPT.said(failure))
        .contains("(chat keys safety bob, chat keys safety carol)")
        .contains("(chat keys trust bob, chat keys trust carol)")
        .doesNotContain("/");
  }

  @Test
  void keysChanged_verifying_namesTrustInEachMode() {
    CommandException failure = CommandException.KeysChanged.verifying("bob");

    assertThat(CommandWords.SLASH.said(failure))
        .isEqualTo("bob's key changed: accept it with /trust bob before verifying");
    assertThat(CommandWords.SCRIPT.said(failure))
        .isEqualTo("bob's key changed: accept it with chat keys trust bob before verifying");
  }

  @Test
  void held_namesSafetyAndTrustInEachMode() {
    HeldMessages one = HeldMessages.one("#ops", "bob", 2);
    HeldMessages three = new HeldMessages("#ops", "bob", List.of(2L, 3L, 4L));

    assertThat(CommandWords.SLASH.held(one))
        .isEqualTo(
            "a message from bob is signed with a new key you have not accepted; it is held."
                + " Compare the safety number (/safety bob), then /trust bob to read it");
    assertThat(CommandWords.SCRIPT.held(three))
        .isEqualTo(
            "3 messages from bob are signed with a new key you have not accepted; they are held."
                + " Compare the safety number (chat keys safety bob), then chat keys trust bob to"
                + " read them");
  }

  @Test
  void advised_keyChanged_slashAsTheClientSaidIt_scriptWithChatKeys() {
    Advice changed = new Advice.KeyChanged("bob");

    assertThat(CommandWords.SLASH.advised(changed))
        .isEqualTo(
            "bob's key changed. Sending to them is blocked until you compare the safety number"
                + " (/safety bob) and accept it with /trust bob");
    assertThat(CommandWords.SCRIPT.advised(changed))
        .isEqualTo(
            "bob's key changed. Sending to them is blocked until you compare the safety number"
                + " (chat keys safety bob) and accept it with chat keys trust bob");
  }

  @Test
  void advised_membersDiffer_slashNamesMembers_scriptNamesTheConversation() {
    Advice differ = new Advice.MembersDiffer("#ops", "bob");

    assertThat(CommandWords.SLASH.advised(differ))
        .isEqualTo(
            "bob encrypted their last message to a different set of members than you see in #ops:"
                + " check /members");
    assertThat(CommandWords.SCRIPT.advised(differ))
        .isEqualTo(
            "bob encrypted their last message to a different set of members than you see in #ops:"
                + " check chat members ops");
    assertThat(CommandWords.SCRIPT.advised(new Advice.MembersDiffer("@alice+bob", "bob")))
        .endsWith(": check chat members @alice+bob");
  }

  @Test
  void advised_keysReplaced_namesTheLoginInEachMode() {
    Advice replaced = new Advice.KeysReplaced("alice", "the relay holds another key");

    assertThat(CommandWords.SLASH.advised(replaced))
        .isEqualTo(
            "stopped reconnecting, so that nothing more goes out under keys the relay no longer"
                + " holds: the relay holds another key. Then log in again (/login alice)");
    assertThat(CommandWords.SCRIPT.advised(replaced))
        .endsWith(". Then log in again (chat login --user alice)");
  }

  @Test
  void said_membersUnannounced_namesTheMemberListInEachMode() {
    CommandException failure =
        new CommandException.MembersUnannounced("#side", List.of("mallory", "trent"));

    assertThat(CommandWords.SLASH.said(failure))
        .isEqualTo(
            "not sent: the relay lists members of #side this client was never told about: mallory,"
                + " trent. Check /members #side; send again to encrypt to them too");
    assertThat(CommandWords.SCRIPT.said(failure))
        .isEqualTo(
            "not sent: the relay lists members of #side this client was never told about: mallory,"
                + " trent. Check chat members side; send again to encrypt to them too");
  }

  @Test
  void said_otherFailures_theirMessageAsItIs() {
    assertThat(CommandWords.SCRIPT.said(new CommandException.Untrusted("safety number differs")))
        .isEqualTo("safety number differs");
  }

  @Test
  void fileIdRefused_namesTheFilesListOfEachMode() {
    CommandException failure =
        new CommandException.FileIdRefused(
            "no file offer 3f2a in the recent history of your conversations");

    assertThat(CommandWords.SLASH.said(failure))
        .isEqualTo(
            "no file offer 3f2a in the recent history of your conversations (/files lists them)");
    assertThat(CommandWords.SCRIPT.said(failure))
        .isEqualTo(
            "no file offer 3f2a in the recent history of your conversations (chat files lists"
                + " them)");
  }
}
