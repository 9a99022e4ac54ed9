package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.FakeChatClient;
import chat.cli.client.FileOffer;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutMessages;
import chat.cli.command.MessageFormatter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {
  private static final MessageFormatter LOCAL = new MessageFormatter(ZoneId.systemDefault());
  private final FakeChatClient client = new FakeChatClient();
  @TempDir Path temp;
  private long friday;
  private long saturday;

  private static ChatMessage message(long seq, String text, long sent, long stored) {
    return new ChatMessage("#lobby", seq, "%032x".formatted(seq), "bob", sent, stored, text, false);
  }

  @BeforeEach
  void messages() {
    friday =
        LocalDate.of(2026, 3, 13)
            .atTime(23, 50)
            .atZone(ZoneId.systemDefault())
            .toInstant()
            .toEpochMilli();
    saturday = friday + 20 * 60_000;
    client.storedSessions.add("alice");
    client.messages.put(
        "#lobby",
        List.of(
            message(1, "late", friday, friday),
            message(2, "later", friday + 60_000, friday + 60_000),
            message(3, "skewed clock", saturday - 5 * 60_000, saturday)));
  }

  private Cli.Result history(String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "history";
    args[1] = "--user";
    args[2] = "alice";
    System.arraycopy(more, 0, args, 3, more.length);
    return Cli.withPassphrase().client(client).run(args);
  }

  /** An empty name (a shell variable not set) is refused, not taken for the lobby. */
  @Test
  void history_anEmptyConversationName_isRefused() {
    Cli.Result result = history("");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("chat: no room: give ROOM, @USER or a conversation id\n");
    assertThat(client.calls).noneMatch(call -> call.startsWith("history"));
    assertThat(history(" ").err())
        .isEqualTo("chat: no room: give ROOM, @USER or a conversation id\n");
  }

  @Test
  void history_text_dateLineAtStartAndAtEachNewDay_andSkewMark() {
    Cli.Result result = history("lobby");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines)
        .containsExactly(
            LOCAL.daySeparator(LOCAL.day(friday)),
            "[#lobby] " + LOCAL.time(friday) + " <bob> late",
            "[#lobby] " + LOCAL.time(friday + 60_000) + " <bob> later",
            LOCAL.daySeparator(LOCAL.day(saturday)),
            "[#lobby] "
                + LOCAL.time(saturday)
                + " <bob> skewed clock (sender clock "
                + LOCAL.time(saturday - 5 * 60_000)
                + ")");
  }

  @Test
  void history_ofAConversationWithoutMessages_saysSoOnStderr_stdoutEmpty() {
    Cli.Result text = history("quiet");
    Cli.Result json = history("quiet", "--json");

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).isEmpty();
    assertThat(text.err()).isEqualTo("chat: no messages in #quiet\n");
    assertThat(json.out()).isEmpty();
  }

  @Test
  void history_ofARoomJoinedLate_saysSoOnStderr_andWithJsonInALineOfItsOwn() {
    client.notForYou.put("#pg", 260L);

    Cli.Result text = history("pg", "-n", "260");
    Cli.Result json = history("pg", "-n", "260", "--json");

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).isEmpty();
    assertThat(text.err())
        .isEqualTo(
            "chat: no messages in #pg since you joined (260 earlier ones were not encrypted to"
                + " you)\n");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.out())
        .isEqualTo("{\"type\":\"not_encrypted_to_you\",\"conversation\":\"#pg\",\"count\":260}\n");
    assertThat(json.err()).isEqualTo(text.err());
  }

  @Test
  void history_json_joinedLateWithMessages_noteLineAfterTheMessagesThenHeld() throws Exception {
    client.notForYou.put("#lobby", 7L);
    client.held.put("#lobby", List.of(new HeldMessages("#lobby", "carol", List.of(2L, 3L))));

    Cli.Result result = history("lobby", "--json");

    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(5);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      json.readTree(line); // every line of stdout is JSON
    }
    assertThat(lines.subList(0, 3)).allMatch(line -> line.startsWith("{\"type\":\"message\""));
    assertThat(lines.get(3))
        .isEqualTo("{\"type\":\"not_encrypted_to_you\",\"conversation\":\"#lobby\",\"count\":7}");
    assertThat(lines.get(4)).startsWith("{\"type\":\"held\"");
    assertThat(result.err())
        .startsWith(
            "chat: 7 earlier messages in #lobby were not encrypted to you (sent before you"
                + " joined)\n");
  }

  @Test
  void history_json_bothTimesAndNoDateLines() throws Exception {
    Cli.Result result = history("lobby", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(3);
    JsonNode last = new ObjectMapper().readTree(lines.get(2));
    assertThat(last.get("sent").asText()).isEqualTo(JsonLines.time(saturday - 5 * 60_000));
    assertThat(last.get("stored").asText()).isEqualTo(JsonLines.time(saturday));
  }

  private FileOffer offer(String conversation, long seq, String name, long stored) {
    String id = "%032x".formatted(0xf00 + seq);
    FileOffer offer =
        new FileOffer(conversation, seq, id, "bob", stored, stored, id, name, 3, 0, false);
    client.offers.put(id, offer);
    return offer;
  }

  @Test
  void history_text_fileOffersInTheirPlace_asListenPrintsThem_countedInN() {
    FileOffer offer = offer("#lobby", 4, "report.pdf", saturday + 1000);
    client.messages.put(
        "#lobby",
        List.of(
            message(1, "late", friday, friday),
            message(3, "skewed clock", saturday, saturday),
            message(5, "last", saturday + 2000, saturday + 2000)));

    Cli.Result result = history("lobby", "-n", "3");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().toList())
        .containsExactly(
            LOCAL.daySeparator(LOCAL.day(saturday)),
            "[#lobby] " + LOCAL.time(saturday) + " <bob> skewed clock",
            "[#lobby] "
                + LOCAL.time(LOCAL.shownTime(offer))
                + " -!- bob offers report.pdf (3 B): chat file get "
                + offer.shortId(),
            "[#lobby] " + LOCAL.time(saturday + 2000) + " <bob> last");
  }

  /** An offer is a message of its conversation: a sender clock off is marked on it too. */
  @Test
  void history_text_fileOfferFromASkewedSenderClock_markedAsAMessageIs() {
    String id = "%032x".formatted(0xf04);
    FileOffer skewed =
        new FileOffer(
            "#team", 1, id, "bob", saturday - 5 * 60_000, saturday, id, "plan.txt", 3, 0, false);
    client.offers.put(id, skewed);

    Cli.Result result = history("team");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines())
        .contains(
            "[#team] "
                + LOCAL.time(saturday)
                + " -!- bob offers plan.txt (3 B): chat file get "
                + skewed.shortId()
                + " (sender clock "
                + LOCAL.time(saturday - 5 * 60_000)
                + ")");
  }

  @Test
  void history_json_fileOffer_aFileOfferLineAsListenPrintsIt() throws Exception {
    FileOffer offer = offer("#lobby", 4, "report.pdf", saturday + 1000);

    Cli.Result result = history("lobby", "-n", "2", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"type\":\"message\"", "\"text\":\"skewed clock\"");
    assertThat(lines.get(1))
        .isEqualTo(
            "{\"type\":\"file_offer\",\"conversation\":\"#lobby\",\"seq\":4,\"id\":\""
                + offer.messageId()
                + "\",\"fileId\":\""
                + offer.fileId()
                + "\",\"sender\":\"bob\",\"name\":\"report.pdf\",\"size\":3,\"sent\":\""
                + JsonLines.time(saturday + 1000)
                + "\",\"stored\":\""
                + JsonLines.time(saturday + 1000)
                + "\",\"direct\":false,\"own\":false}");
  }

  @Test
  void history_roomWithOnlyAFileOffer_printsTheOffer() {
    FileOffer offer = offer("#team", 1, "plan.txt", saturday);

    Cli.Result result = history("team");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo(
            LOCAL.daySeparator(LOCAL.day(saturday))
                + "\n[#team] "
                + LOCAL.time(LOCAL.shownTime(offer))
                + " -!- bob offers plan.txt (3 B): chat file get "
                + offer.shortId()
                + "\n");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"abc", "0", "10001", "1e3"})
  void history_limitNotANumberInRange_saysWhatIsExpected_andExits1(String limit) {
    Cli.Result result = Cli.withPassphrase().client(client).run("history", "-n", limit);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "chat: invalid value for option '-n/--limit': '"
                + limit
                + "' is not a number from 1 to 10000 (see 'chat history --help')\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void history_heldMessages_printsTheRest_saysWhatIsHeldOnStderr_andExits4() {
    client.held.put("#lobby", List.of(new HeldMessages("#lobby", "carol", List.of(2L, 3L))));

    Cli.Result result = history("lobby");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.KEY_REJECTED.code());
    assertThat(result.out()).contains("<bob> late", "<bob> later", "<bob> skewed clock");
    assertThat(result.err())
        .isEqualTo(
            "chat: #lobby: 2 messages from carol are signed with a new key you have not accepted;"
                + " they are held. Compare the safety number (chat keys safety carol), then chat"
                + " keys trust carol to read them\n");
  }

  /** Held messages (exit 4) do not hide that the rest, printed, was lost: exit 7 says so. */
  @Test
  void history_heldMessages_toAStdoutThatCannotBeWritten_exit7_sayingWhy() {
    client.held.put("#lobby", List.of(new HeldMessages("#lobby", "carol", List.of(2L, 3L))));
    Cli.Unwritten result =
        Cli.withPassphrase()
            .client(client)
            .runIntoFailingStdout("No space left on device", "history", "--user", "alice", "lobby");

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err())
        .contains("2 messages from carol are signed with a new key")
        .endsWith("chat: cannot write to standard output: no space left on device\n");
  }

  /** A private conversation is named as the person names it in every line, never by its id. */
  @Test
  void history_privateConversation_namedByTheOtherPartyInMessagesAndOnStderr() {
    String direct = "@alice+bob";
    client.messages.put(
        direct,
        List.of(new ChatMessage(direct, 1, "%032x".formatted(1), "bob", 0, friday, "hi", false)));
    client.held.put(direct, List.of(new HeldMessages(direct, "bob", List.of(2L))));
    client.leftOut.put(
        direct,
        List.of(new LeftOutMessages(direct, "bob", LeftOutMessages.Reason.OLD_KEY, List.of(3L))));

    Cli.Result result = history("@bob");

    assertThat(result.out()).contains("[@bob] " + LOCAL.time(friday) + " <bob> hi");
    assertThat(result.err().lines()).hasSize(2).allMatch(line -> line.startsWith("chat: @bob: "));
    assertThat(result.out() + result.err()).doesNotContain("alice+bob");
  }

  @Test
  void history_json_heldMessages_aHeldLineAfterTheMessages() throws Exception {
    client.held.put("#lobby", List.of(new HeldMessages("#lobby", "carol", List.of(2L, 3L))));

    Cli.Result result = history("lobby", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.KEY_REJECTED.code());
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(3))
        .isEqualTo(
            "{\"type\":\"held\",\"conversation\":\"#lobby\",\"sender\":\"carol\",\"count\":2,"
                + "\"seqs\":[2,3]}");
  }

  @Test
  void history_messagesFromAnOldKey_printsTheRest_saysWhatIsLeftOutOnStderr_andExits0() {
    client.leftOut.put(
        "#lobby",
        List.of(
            new LeftOutMessages(
                "#lobby", "carol", LeftOutMessages.Reason.OLD_KEY, List.of(1L, 2L))));

    Cli.Result result = history("lobby");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK.code());
    assertThat(result.out()).contains("<bob> late", "<bob> later", "<bob> skewed clock");
    assertThat(result.out()).doesNotContain("carol");
    assertThat(result.err())
        .isEqualTo(
            "chat: #lobby: 2 messages from carol are signed by a key that is not carol's current"
                + " one (an older key, replaced since, or a forgery); they cannot be"
                + " verified and are not shown\n");
  }

  @Test
  void history_json_messagesLeftOut_aLeftOutLineAfterTheMessages_andTheNoteOnStderr()
      throws Exception {
    client.leftOut.put(
        "#lobby",
        List.of(
            new LeftOutMessages("#lobby", "carol", LeftOutMessages.Reason.OLD_KEY, List.of(1L))));

    Cli.Result result = history("lobby", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK.code());
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(3))
        .isEqualTo(
            "{\"type\":\"left_out\",\"conversation\":\"#lobby\",\"sender\":\"carol\","
                + "\"reason\":\"old_key\",\"count\":1,\"seqs\":[1]}");
    assertThat(result.err()).startsWith("chat: #lobby: message #1 from carol is signed by a key");
  }

  @Test
  void history_json_damagedAndMovedMessages_leftOutLinesWithTheirReasons_damagedWithNoSender()
      throws Exception {
    client.leftOut.put(
        "#lobby",
        List.of(
            new LeftOutMessages("#lobby", "", LeftOutMessages.Reason.DAMAGED, List.of(1L, 2L)),
            new LeftOutMessages(
                "#lobby", "carol", LeftOutMessages.Reason.NOT_FOR_THIS_CONVERSATION, List.of(3L))));

    Cli.Result result = history("lobby", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK.code());
    List<String> lines = result.out().lines().toList();
    assertThat(lines.subList(3, lines.size()))
        .containsExactly(
            "{\"type\":\"left_out\",\"conversation\":\"#lobby\",\"sender\":null,"
                + "\"reason\":\"damaged\",\"count\":2,\"seqs\":[1,2]}",
            "{\"type\":\"left_out\",\"conversation\":\"#lobby\",\"sender\":\"carol\","
                + "\"reason\":\"not_for_this_conversation\",\"count\":1,\"seqs\":[3]}");
    assertThat(result.err())
        .isEqualTo(
            "chat: #lobby: 2 messages are damaged (they are not valid envelopes); they are not"
                + " shown\n"
                + "chat: #lobby: message #3 from carol belongs to another conversation (the relay"
                + " moved it here); it is not shown\n");
  }

  @Test
  void history_messagesLeftOutFromManySenders_stderrNamesFive_jsonLinesForEach() throws Exception {
    List<LeftOutMessages> leftOut = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      leftOut.add(LeftOutMessages.one("#lobby", "forged" + i, LeftOutMessages.Reason.NO_KEY, i));
    }
    client.leftOut.put("#lobby", leftOut);

    Cli.Result result = history("lobby", "--json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK.code());
    assertThat(result.out().lines().filter(line -> line.contains("\"left_out\""))).hasSize(7);
    assertThat(result.err().lines().toList())
        .hasSize(6)
        .startsWith(
            "chat: #lobby: message #1 from forged1 cannot be checked: no usable key for"
                + " that sender; not shown")
        .endsWith(
            "chat: #lobby: and 2 more messages from 2 other senders were left out; they are not"
                + " shown");
    assertThat(result.err()).doesNotContain("forged6", "forged7");
  }

  @Test
  void history_homeIsAFile_saysItIsNotAFolder_andExits1() throws Exception {
    Path file = Files.writeString(temp.resolve("notes.txt"), "x");

    Cli.Result result = history("lobby", "--home", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err()).isEqualTo("chat: --home " + file + " is not a folder\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void history_homeInsideAFile_namesTheFile() throws Exception {
    Path file = Files.writeString(temp.resolve("notes.txt"), "x");

    Cli.Result result = history("lobby", "--home", file.resolve("alice").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err())
        .isEqualTo("chat: --home " + file.resolve("alice") + ": " + file + " is not a folder\n");
  }

  @Test
  void history_chatHomeIsAFile_saysItIsNotAFolder_andExits1() throws Exception {
    Path file = Files.writeString(temp.resolve("notes.txt"), "x");

    Cli.Result result =
        Cli.withPassphrase()
            .env("CHAT_HOME", file.toString())
            .client(client)
            .run("history", "--user", "alice", "lobby");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err()).isEqualTo("chat: CHAT_HOME " + file + " is not a folder\n");
  }
}
