package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresenceCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void away_withMessage_setsItAndConfirms() {
    context.loggedInAs("alice");

    run("/away  gone fishing ");

    assertThat(context.client.calls).containsExactly("away gone fishing");
    assertThat(context.client.awayMessage()).isEqualTo("gone fishing");
    assertThat(context.lines).containsExactly("info: you are away: gone fishing");
  }

  @Test
  void away_withoutMessage_setsAwayWithoutOne() {
    context.loggedInAs("alice");

    run("/away");

    assertThat(context.client.awayMessage()).isEmpty();
    assertThat(context.lines).containsExactly("info: you are away; /back when you return");
  }

  @Test
  void back_notAway_saysSo_askingNothing() {
    context.loggedInAs("alice");
    context.client.calls.clear();

    run("/back");

    assertThat(context.lines)
        .containsExactly("info: you are not away (/away [MESSAGE] to say you are)");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void back_afterAway_clearsIt() {
    context.loggedInAs("alice");
    run("/away lunch");

    run("/back");

    assertThat(context.client.awayMessage()).isNull();
    assertThat(context.lines).endsWith("info: you are back");
  }

  @Test
  void away_notLoggedIn_errors() {
    run("/away lunch");

    assertThat(context.errors())
        .containsExactly("error: not logged in: /login NAME or /register NAME first");
  }
}
