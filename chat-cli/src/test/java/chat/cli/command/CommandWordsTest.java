package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.LiveNoticeCap;
import chat.cli.client.LiveNoticeCap.Kind;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each mode says, one row per case: the slash command's words and the chat command line's. */
class CommandWordsTest {
  private static final String KEY_CHANGED =
      "bob's key changed. Sending to them is blocked until you compare the safety number (";

  private static final String KEY_CHANGED_BACK =
      "bob's key changed BACK to one of theirs that you accepted before and that was replaced"
          + " since (if they did not go back to it themselves, it may have leaked). Sending to them"
          + " is blocked until you compare the safety number (";
  private static final String MEMBERS_DIFFER =
      "bob encrypted their last message to a different set of members than you see in ";
  private static final String KEYS_REPLACED =
      "stopped reconnecting, so that nothing more goes out under keys the relay no longer holds:"
          + " the relay holds another key. Then log in again (";
  private static final String NOT_SENT =
      "not sent: the relay lists members of #side this client was never told about: mallory,"
          + " trent. Check ";
  private static final String NOT_SENT_PRIVATE =
      "not sent: the relay lists members of @bob this client was never told about: mallory. Check ";
  private static final String NO_OFFER =
      "no file offer 3f2a in the recent history of your conversations (";
  private static final String SESSION_ENDED =
      "the session for bob was ended (logged out or ended from a sessions list on another device,"
          + " or the password was changed) or has expired; log in again: ";

  private static Arguments row(
      String name, Function<CommandWords, String> said, String slash, String script) {
    return Arguments.of(name, said, slash, script);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        row("join", words -> words.join("#team"), "/join #team", "chat join team"),
        row(
            "decline",
            words -> words.decline("#team"),
            "/decline #team",
            "chat group decline team"),
        row(
            "invitation to this user",
            words ->
                SocialLines.group(
                    new GroupUpdate("#team", "alice", GroupUpdate.Kind.INVITED, "bob", ""),
                    "bob",
                    words),
            "alice invited you to #team: /join #team to enter or /decline #team to decline",
            "alice invited you to #team: chat join team to enter or chat group decline team to"
                + " decline"),
        row(
            "friend",
            words -> words.friend("accept", "bob"),
            "/friend accept bob",
            "chat friend accept bob"),
        row("login", words -> words.login("alice"), "/login alice", "chat login --user alice"),
        row("safety", words -> words.safety("bob"), "/safety bob", "chat keys safety bob"),
        row("trust", words -> words.trust("bob"), "/trust bob", "chat keys trust bob"),
        row("passwd", CommandWords::passwd, "/passwd", "chat passwd"),
        row("files", CommandWords::files, "/files", "chat files"),
        row("members", words -> words.members("#side"), "/members #side", "chat members side"),
        row(
            "members of a private conversation",
            words -> words.members("@alice+bob"),
            "/members @alice+bob",
            "chat members @alice+bob"),
        row("members here", words -> words.membersHere("#ops"), "/members", "chat members ops"),
        row("history", words -> words.history("#ops"), "/history #ops", "chat history ops"),
        row(
            "history of a private conversation",
            words -> words.history("@bob"),
            "/history @bob",
            "chat history @bob"),
        row(
            "keys changed, one contact",
            words -> words.said(CommandException.KeysChanged.sending(List.of("bob"))),
            "the key of bob changed; nothing was sent. Compare the safety number (/safety bob),"
                + " then /trust bob to accept the new key",
            "the key of bob changed; nothing was sent. Compare the safety number (chat keys"
                + " safety bob), then chat keys trust bob to accept the new key"),
        row(
            "keys changed, several",
            words -> words.said(CommandException.KeysChanged.sending(List.of("bob", "carol"))),
            "the keys of bob, carol changed; nothing was sent. Compare each safety number"
                + " (/safety bob, /safety carol), then accept the new keys (/trust bob, /trust"
                + " carol)",
            "the keys of bob, carol changed; nothing was sent. Compare each safety number"
                + " (chat keys safety bob, chat keys safety carol), then accept the new keys"
                + " (chat keys trust bob, chat keys trust carol)"),
        row(
            "keys changed, verifying",
            words -> words.said(CommandException.KeysChanged.verifying("bob")),
            "bob's key changed: accept it with /trust bob before verifying",
            "bob's key changed: accept it with chat keys trust bob before verifying"),
        row(
            "held, one",
            words -> words.held(HeldMessages.one("#ops", "bob", 2)),
            "message #2 from bob is signed with a new key you have not accepted; it is held."
                + " Compare the safety number (/safety bob), then /trust bob to read it",
            "message #2 from bob is signed with a new key you have not accepted; it is held."
                + " Compare the safety number (chat keys safety bob), then chat keys trust bob to"
                + " read it"),
        row(
            "held, several",
            words -> words.held(new HeldMessages("#ops", "bob", List.of(2L, 3L, 4L))),
            "3 messages from bob are signed with a new key you have not accepted; they are held."
                + " Compare the safety number (/safety bob), then /trust bob to read them",
            "3 messages from bob are signed with a new key you have not accepted; they are held."
                + " Compare the safety number (chat keys safety bob), then chat keys trust bob to"
                + " read them"),
        row(
            "advised, key changed",
            words -> words.advised(new Advice.KeyChanged("bob")),
            KEY_CHANGED + "/safety bob) and accept it with /trust bob",
            KEY_CHANGED + "chat keys safety bob) and accept it with chat keys trust bob"),
        row(
            "advised, key changed back to one replaced",
            words -> words.advised(new Advice.KeyChanged("bob", true)),
            KEY_CHANGED_BACK + "/safety bob) and accept it with /trust bob",
            KEY_CHANGED_BACK + "chat keys safety bob) and accept it with chat keys trust bob"),
        row(
            "advised, members differ in a room",
            words -> words.advised(new Advice.MembersDiffer("#ops", "bob")),
            MEMBERS_DIFFER + "#ops: check /members",
            MEMBERS_DIFFER + "#ops: check chat members ops"),
        row(
            "advised, members differ in a private conversation",
            words -> words.advised(new Advice.MembersDiffer("@alice+bob", "bob", "@bob")),
            MEMBERS_DIFFER + "@bob: check /members",
            MEMBERS_DIFFER + "@bob: check chat members @bob"),
        row(
            "advised, the members you see but another key of one",
            words ->
                words.advised(new Advice.MembersDiffer("#ops", "bob", "#ops", List.of("carol"))),
            "bob encrypted their last message in #ops to the members you see, but to another key"
                + " of carol than the one you hold: a new key bob accepted, or one the relay gave"
                + " them. Compare safety numbers with carol (/safety carol), and ask bob to do the"
                + " same",
            "bob encrypted their last message in #ops to the members you see, but to another key"
                + " of carol than the one you hold: a new key bob accepted, or one the relay gave"
                + " them. Compare safety numbers with carol (chat keys safety carol), and ask bob"
                + " to do the same"),
        row(
            "advised, keys replaced in another window of the profile",
            words ->
                words.advised(
                    new Advice.KeysReplaced(
                        "alice",
                        "identity.key already holds the new ones: log in again to use them")),
            "stopped reconnecting, so that nothing more goes out under keys the relay no longer"
                + " holds: identity.key already holds the new ones: log in again to use them"
                + " (/login alice)",
            "stopped reconnecting, so that nothing more goes out under keys the relay no longer"
                + " holds: identity.key already holds the new ones: log in again to use them"
                + " (chat login --user alice)"),
        row(
            "advised, keys replaced",
            words -> words.advised(new Advice.KeysReplaced("alice", "the relay holds another key")),
            KEYS_REPLACED + "/login alice)",
            KEYS_REPLACED + "chat login --user alice)"),
        row(
            "members unannounced",
            words ->
                words.said(
                    new CommandException.MembersUnannounced(
                        "#side", "#side", List.of("mallory", "trent"))),
            NOT_SENT + "/members #side; send again to encrypt to them too",
            NOT_SENT + "chat members side; send again to encrypt to them too"),
        row(
            "members unannounced, private conversation",
            words ->
                words.said(
                    new CommandException.MembersUnannounced(
                        "@alice+bob", "@bob", List.of("mallory"))),
            NOT_SENT_PRIVATE + "/members @bob; send again to encrypt to them too",
            NOT_SENT_PRIVATE + "chat members @bob; send again to encrypt to them too"),
        row(
            "file id refused",
            words ->
                words.said(
                    new CommandException.FileIdRefused(
                        "no file offer 3f2a in the recent history of your conversations")),
            NO_OFFER + "/files lists them)",
            NO_OFFER + "chat files lists them)"),
        row(
            "session ended",
            words -> words.said(CommandException.SessionEnded.refused("bob")),
            SESSION_ENDED + "/login bob",
            SESSION_ENDED + "chat login --user bob"),
        row(
            "other failures, their message as it is",
            words -> words.said(new CommandException.Untrusted("safety number differs")),
            "safety number differs",
            "safety number differs"),
        row(
            "left out, private conversation",
            words ->
                words.unsaid(
                    new LiveNoticeCap.Unsaid("@alice+bob", Kind.LEFT_OUT, 12),
                    "alice",
                    UnaryOperator.identity()),
            "12 more messages were left out; they are not shown (see /history @bob)",
            "12 more messages were left out; they are not shown (see chat history @bob)"),
        row(
            "left out, room",
            words ->
                words.unsaid(
                    new LiveNoticeCap.Unsaid("#ops", Kind.LEFT_OUT, 12),
                    null,
                    UnaryOperator.identity()),
            "12 more messages were left out; they are not shown (see /history #ops)",
            "12 more messages were left out; they are not shown (see chat history ops)"),
        row(
            "held, counted",
            words ->
                words.unsaid(
                    new LiveNoticeCap.Unsaid("#ops", Kind.HELD, 3), null, UnaryOperator.identity()),
            "3 more messages are held (signed with a new key you have not accepted) (see /history"
                + " #ops)",
            "3 more messages are held (signed with a new key you have not accepted) (see chat"
                + " history ops)"),
        row(
            "replayed copies, counted",
            words ->
                words.unsaid(
                    new LiveNoticeCap.Unsaid("#ops", Kind.REPLAYED, 4),
                    null,
                    UnaryOperator.identity()),
            "dropped 4 more replayed copies of earlier messages",
            "dropped 4 more replayed copies of earlier messages"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachMode_namesTheCommandsInItsOwnWords(
      String name, Function<CommandWords, String> said, String slash, String script) {
    assertThat(said.apply(CommandWords.SLASH)).as("slash").isEqualTo(slash);
    assertThat(said.apply(CommandWords.SCRIPT)).as("script").isEqualTo(script);
  }
}
