package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

class ReportCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli cli() {
    return Cli.withPassphrase().env("CHAT_PASSWORD", "a password").client(client);
  }

  @Test
  void report_inARoom_joinsTheWords_andSaysWhere() {
    Cli.Result result =
        cli().run("--user", "alice", "report", "mallory", "spam", "links", "--in", "team");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("reported mallory to the relay's operator (in #team)\n");
    assertThat(client.calls).contains("report mallory #team (spam links)");
  }

  @Test
  void report_json_withoutWhere_namesTheUserOnly() {
    Cli.Result result = cli().run("--json", "--user", "alice", "report", "mallory", "threats");

    assertThat(result.out()).isEqualTo("{\"type\":\"reported\",\"user\":\"mallory\"}\n");
    assertThat(client.calls).contains("report mallory null (threats)");
  }

  @Test
  void report_refused_printsTheRelaysWords_exitOne() {
    client.administerRefusals.put(
        "alice",
        new CommandException.Refused(ErrorCode.INVALID_TARGET, "you cannot report yourself"));

    Cli.Result result = cli().run("--user", "alice", "report", "alice", "spam");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("chat: you cannot report yourself\n");
  }

  @Test
  void report_aBadNameOrAnEmptyOrMultilineReason_isRefusedBeforeLoggingIn() {
    Cli.Result badName = cli().run("--user", "alice", "report", "bad!name", "spam");
    Cli.Result blank = cli().run("--user", "alice", "report", "mallory", " ", " ");
    Cli.Result twoLines = cli().run("--user", "alice", "report", "mallory", "spam\nmore");

    assertThat(badName.exitCode()).isEqualTo(1);
    assertThat(badName.err()).contains("got 'bad!name'");
    assertThat(blank.err())
        .isEqualTo(
            "chat: say why: the operator reads your reason, and cannot read your conversations\n");
    assertThat(twoLines.err())
        .isEqualTo(
            "chat: a reason is one line of text: no tabs, line breaks or escape sequences\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void report_withoutAReason_isAUsageError() {
    Cli.Result result = cli().run("--user", "alice", "report", "mallory");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("chat: too few parameters: chat report USER REASON...");
    assertThat(client.calls).noneMatch(call -> call.startsWith("report"));
  }
}
